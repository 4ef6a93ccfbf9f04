package vn.ispeed.geo.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.ispeed.geo.catalogue.CatalogueService;
import vn.ispeed.geo.stream.LocatingLoop;
import vn.ispeed.geo.stream.RelocateJobs;

import java.net.URI;

/** Operator commands (role {@code ops}): replay the log through a set, follow the job, the loop's state. */
@Path("/api/v1/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class OpsResource {
    private final RelocateJobs jobs;
    private final CatalogueService catalogue;
    private final LocatingLoop loop;

    public OpsResource(RelocateJobs jobs, CatalogueService catalogue, LocatingLoop loop) {
        this.jobs = jobs;
        this.catalogue = catalogue;
        this.loop = loop;
    }

    public record StreamState(String state) {
    }

    @POST
    @Path("/relocate")
    public Response relocate(@QueryParam("set") String set) {
        if (set == null || set.isBlank()) {
            throw ProblemException.invalid("set", "required");
        }
        RelocateJobs.View job = jobs.start(catalogue.set(set));
        return Response.accepted(job).location(URI.create("/api/v1/ops/relocate/" + job.jobId())).build();
    }

    @GET
    @Path("/relocate/{jobId}")
    public RelocateJobs.View job(@PathParam("jobId") String jobId) {
        return jobs.job(jobId).orElseThrow(() -> ProblemException.notFound("unknown-job", "no relocate job " + jobId));
    }

    @GET
    @Path("/stream")
    public StreamState stream() {
        return new StreamState(loop.state());
    }
}
