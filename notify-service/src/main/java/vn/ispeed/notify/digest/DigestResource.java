package vn.ispeed.notify.digest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.ispeed.notify.api.ProblemException;
import vn.ispeed.notify.security.Caller;

import java.time.Instant;
import java.util.Optional;

@Path("/api/v1/digests")
@RolesAllowed({Caller.MINISTRY, Caller.OPS})
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {
    private final DigestService digests;

    public DigestResource(DigestService digests) {
        this.digests = digests;
    }

    /** Queues this week's digest now (for one province, or all); deliveries already made this week are kept. */
    @POST
    @Path("run")
    public Uni<DigestService.Run> run(@QueryParam("province") String province) {
        if (province != null && !province.matches("\\d{2}")) {
            throw ProblemException.validation("province", "a two-digit province code is expected");
        }
        return digests.run(Optional.ofNullable(province), Instant.now());
    }
}
