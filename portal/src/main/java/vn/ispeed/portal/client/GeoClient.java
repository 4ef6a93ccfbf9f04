package vn.ispeed.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** geo-service's catalogue and map boundaries (public data: no token). */
@RegisterRestClient(configKey = "geo")
@Path("/api/v1/sets")
public interface GeoClient {
    @GET
    @Path("/{set}/boundaries")
    @Produces({"application/geo+json", "application/json"})
    Uni<JsonNode> boundaries(@PathParam("set") String set, @QueryParam("level") String level, @QueryParam("parent") String parent,
            @QueryParam("tolerance") Double toleranceM);

    @GET
    @Path("/{set}/units/{code}")
    @Produces("application/json")
    Uni<JsonNode> unit(@PathParam("set") String set, @PathParam("code") String code);
}
