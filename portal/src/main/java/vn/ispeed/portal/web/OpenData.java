package vn.ispeed.portal.web;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import vn.ispeed.portal.client.StatsClient;

import java.util.Set;

/**
 * The open-data exports (published cells only) under the portal's own address, passed through from
 * stats-service unchanged, so a reader needs no other host.
 */
@Path("/open-data/{set}/{file}")
public class OpenData {
    private static final Set<String> FILES = Set.of("export.csv", "export.geojson");
    private final StatsClient stats;

    public OpenData(@RestClient StatsClient stats) {
        this.stats = stats;
    }

    @GET
    public Uni<Response> export(@PathParam("set") String set, @PathParam("file") String file, @QueryParam("level") String level,
            @QueryParam("network") String network, @QueryParam("period") String period, @QueryParam("parent") String parent) {
        if (file == null || set == null || !FILES.contains(file) || !Ctx.SETS.contains(set)) {
            throw PortalProblem.notFound(file);
        }
        return stats.export(set, file, level, network, period, parent)
                .map(r -> {
                    Response.ResponseBuilder b = Response.ok(r.readEntity(byte[].class), r.getMediaType());
                    String disposition = r.getHeaderString("Content-Disposition");
                    if (disposition != null) {
                        b.header("Content-Disposition", disposition);
                    }
                    return b.build();
                })
                .onFailure().transform(t -> PortalProblem.of("stats-service", t));
    }
}
