package vn.ispeed.stats.rebuild;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.ispeed.stats.api.ApiProblem;
import vn.ispeed.stats.catalogue.UnitCatalogue;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Operations: rebuild every projection from offset 0 and follow its progress. Role {@code ops}. After geo-service
 * re-located a set, {@code ?set=<set>&locatedSince=<the relocation's locatedSince>} has the rebuild (and the projection
 * from then on) take that set's events from that instant only.
 */
@Path("/api/v1/ops/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class OpsResource {
    private final RebuildService rebuilds;
    private final UnitCatalogue catalogue;

    public OpsResource(RebuildService rebuilds, UnitCatalogue catalogue) {
        this.rebuilds = rebuilds;
        this.catalogue = catalogue;
    }

    @POST
    public Response start(@QueryParam("set") String set, @QueryParam("locatedSince") String locatedSince) {
        boolean hasSet = set != null && !set.isBlank();
        boolean hasSince = locatedSince != null && !locatedSince.isBlank();
        if (hasSet != hasSince) {
            throw ApiProblem.validation(hasSet ? "locatedSince" : "set", "set and locatedSince go together");
        }
        Instant since = null;
        if (hasSince) {
            if (catalogue.set(set).isEmpty()) {
                throw ApiProblem.validation("set", "unknown boundary set '" + set + "'");
            }
            try {
                since = Instant.parse(locatedSince);
            } catch (DateTimeParseException e) {
                throw ApiProblem.validation("locatedSince", "an ISO-8601 instant, e.g. 2026-11-26T09:00:00Z");
            }
        }
        RebuildJob job = rebuilds.start(hasSet ? set : null, since);
        return Response.accepted(job.view()).location(URI.create("/api/v1/ops/rebuild/" + job.id())).build();
    }

    @GET
    @Path("/{id}")
    public RebuildJob.View progress(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation("id", "id must be a UUID");
        }
        return rebuilds.job(uuid).map(RebuildJob::view).orElseThrow(() -> ApiProblem.notFound("no rebuild " + id));
    }
}
