package vn.ispeed.stats.rebuild;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.ispeed.stats.api.ApiProblem;

import java.net.URI;
import java.util.UUID;

/** Operations: rebuild every projection from offset 0 and follow its progress. Role {@code ops}. */
@Path("/api/v1/ops/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class OpsResource {
    private final RebuildService rebuilds;

    public OpsResource(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    @POST
    public Response start() {
        RebuildJob job = rebuilds.start();
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
