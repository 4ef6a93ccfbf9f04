package vn.ispeed.stats.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** Downloads of the published cells of one level: CSV (UTF-8, header row) and GeoJSON. */
@Path("/api/v1/stats/{set}")
public class ExportResource {
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
    @Produces("application/geo+json")
    public Uni<ObjectNode> geojson(@PathParam("set") String set, @QueryParam("level") String level, @QueryParam("network") String network,
            @QueryParam("period") String period, @QueryParam("parent") String parent) {
        return service.geojson(service.request(set, level, network, period, parent));
    }
}
