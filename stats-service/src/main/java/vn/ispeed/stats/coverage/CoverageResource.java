package vn.ispeed.stats.coverage;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.ispeed.stats.security.Viewer;

/** The coverage report of a boundary set: per level, units without enough samples, and the sentence. */
@Path("/api/v1/coverage/{set}")
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {
    private final CoverageService service;
    private final SecurityIdentity identity;

    public CoverageResource(CoverageService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    public Uni<CoverageReport> coverage(@PathParam("set") String set, @QueryParam("network") String network,
            @QueryParam("period") String period, @QueryParam("province") String province) {
        return service.report(set, network, period, province, Viewer.of(identity));
    }
}
