package vn.ispeed.stats.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.ispeed.stats.security.Viewer;

import java.util.List;

/** Statistics of a unit: the cell, its children, its operators, its monthly series. Anonymous or bearer token. */
@Path("/api/v1/stats/{set}/units/{code}")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {
    private final StatsService service;
    private final SecurityIdentity identity;

    public StatsResource(StatsService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    public Uni<CellView> unit(@PathParam("set") String set, @PathParam("code") String code, @QueryParam("network") String network,
            @QueryParam("period") String period, @QueryParam("operator") String operator) {
        return service.unit(service.query(set, code, network, period, operator), Viewer.of(identity));
    }

    @GET
    @Path("/children")
    public Uni<StatsService.Children> children(@PathParam("set") String set, @PathParam("code") String code,
            @QueryParam("network") String network, @QueryParam("period") String period, @QueryParam("operator") String operator) {
        return service.children(service.query(set, code, network, period, operator), Viewer.of(identity));
    }

    @GET
    @Path("/operators")
    public Uni<List<StatsService.OperatorRank>> operators(@PathParam("set") String set, @PathParam("code") String code,
            @QueryParam("network") String network, @QueryParam("period") String period) {
        return service.operators(service.query(set, code, network, period, null), Viewer.of(identity));
    }

    @GET
    @Path("/series")
    public Uni<List<CellView>> series(@PathParam("set") String set, @PathParam("code") String code,
            @QueryParam("network") String network, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("operator") String operator) {
        return service.series(set, code, network, from, to, operator, Viewer.of(identity));
    }
}
