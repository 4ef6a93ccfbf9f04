package vn.ispeed.stats.export;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import vn.ispeed.stats.api.ApiProblem;
import vn.ispeed.stats.api.ProblemMapper;

/** Downloads of the published cells of one level: CSV (UTF-8 with a BOM, header row) and GeoJSON. */
@Path("/api/v1/stats/{set}")
public class ExportResource {
    static final String GEOJSON = "application/geo+json";
    private final ExportService service;

    public ExportResource(ExportService service) {
        this.service = service;
    }

    @GET
    @Path("/export.csv")
    @Produces("text/csv; charset=UTF-8")
    public Uni<Response> csv(@PathParam("set") String set, @QueryParam("level") String level, @QueryParam("network") String network,
            @QueryParam("period") String period, @QueryParam("parent") String parent) {
        ExportService.Request r = service.request(set, level, network, period, parent);
        return service.csv(r).map(body -> Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + set + "-" + r.level() + "-"
                        + r.network().name().toLowerCase() + "-" + r.period().label() + ".csv\"").build());
    }

    @GET
    @Path("/export.geojson")
    @Produces(GEOJSON)
    public Uni<Response> geojson(@PathParam("set") String set, @QueryParam("level") String level, @QueryParam("network") String network,
            @QueryParam("period") String period, @QueryParam("parent") String parent) {
        return service.geojson(service.request(set, level, network, period, parent))
                .map(body -> Response.ok(body, GEOJSON).build())
                .onFailure(ExportService.GeoUnavailable.class).recoverWithItem(e -> unavailable((ExportService.GeoUnavailable) e));
    }

    private static Response unavailable(ExportService.GeoUnavailable e) {
        return Response.status(503).type(ProblemMapper.PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(new ProblemMapper.Problem(ApiProblem.BASE + "unavailable", "Dependency unavailable", 503,
                        e.getMessage(), null))
                .build();
    }
}
