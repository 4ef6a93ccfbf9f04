package vn.ispeed.stats.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** geo-service's boundary API (URL: {@code quarkus.rest-client.geo.url}). */
@RegisterRestClient(configKey = "geo")
@Path("/api/v1/sets/{set}")
public interface GeoClient {
    @GET
    @Path("/boundaries")
    Uni<JsonNode> boundaries(@PathParam("set") String set, @QueryParam("level") String level, @QueryParam("parent") String parent);
}
