package vn.ispeed.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notify-service's subscriptions, read and written with the caller's token (notify checks the province). */
@RegisterRestClient(configKey = "notify")
@Path("/api/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface NotifyClient {
    @GET
    Uni<JsonNode> list(@HeaderParam("Authorization") String bearer);

    @POST
    Uni<Response> create(@HeaderParam("Authorization") String bearer, JsonNode body);

    @PUT
    @Path("/{id}")
    Uni<Response> update(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, JsonNode body);

    @DELETE
    @Path("/{id}")
    Uni<Response> delete(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);
}
