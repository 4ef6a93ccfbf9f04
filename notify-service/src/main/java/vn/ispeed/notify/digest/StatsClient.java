package vn.ispeed.notify.digest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** stats-service's coverage report, read as a tree so a changed shape degrades to the local sentence. */
@RegisterRestClient(configKey = "stats")
@Path("/api/v1/coverage")
public interface StatsClient {

    @GET
    @Path("{set}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> coverage(@PathParam("set") String boundarySet, @QueryParam("network") String network,
                           @QueryParam("period") String period, @QueryParam("province") String province);
}
