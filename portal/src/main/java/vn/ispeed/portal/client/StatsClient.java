package vn.ispeed.portal.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * stats-service's statistics API, read with the caller's own bearer token (null: anonymous), so stats
 * decides what each person may see. Answers are kept as JSON trees: the portal reshapes them and never
 * copies stats-service's types.
 */
@RegisterRestClient(configKey = "stats")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface StatsClient {
    @GET
    @Path("/stats/{set}/units/{code}")
    Uni<JsonNode> unit(@HeaderParam("Authorization") String bearer, @PathParam("set") String set, @PathParam("code") String code,
            @QueryParam("network") String network, @QueryParam("period") String period);

    @GET
    @Path("/stats/{set}/units/{code}/children")
    Uni<JsonNode> children(@HeaderParam("Authorization") String bearer, @PathParam("set") String set, @PathParam("code") String code,
            @QueryParam("network") String network, @QueryParam("period") String period);

    @GET
    @Path("/stats/{set}/units/{code}/operators")
    Uni<JsonNode> operators(@HeaderParam("Authorization") String bearer, @PathParam("set") String set, @PathParam("code") String code,
            @QueryParam("network") String network, @QueryParam("period") String period);

    @GET
    @Path("/stats/{set}/units/{code}/series")
    Uni<JsonNode> series(@HeaderParam("Authorization") String bearer, @PathParam("set") String set, @PathParam("code") String code,
            @QueryParam("network") String network, @QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/coverage/{set}")
    Uni<JsonNode> coverage(@HeaderParam("Authorization") String bearer, @PathParam("set") String set,
            @QueryParam("network") String network, @QueryParam("period") String period, @QueryParam("province") String province);

    /** An open-data export of published cells (CSV or GeoJSON), passed through as it is. */
    @GET
    @Path("/stats/{set}/{file}")
    @Produces({"text/csv", "application/geo+json"})
    Uni<jakarta.ws.rs.core.Response> export(@PathParam("set") String set, @PathParam("file") String file, @QueryParam("level") String level,
            @QueryParam("network") String network, @QueryParam("period") String period, @QueryParam("parent") String parent);
}
