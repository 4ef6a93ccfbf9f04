package vn.ispeed.stats.rebuild;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.Map;

/** Located facts and unlocated tests (by reason) per boundary set, to reconcile with the log. Role {@code ops}. */
@Path("/api/v1/ops/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class ReconciliationResource {
    private final ReconciliationService service;

    public ReconciliationResource(ReconciliationService service) {
        this.service = service;
    }

    @GET
    public Map<String, ReconciliationService.SetCounts> counts() throws SQLException {
        return service.counts();
    }
}
