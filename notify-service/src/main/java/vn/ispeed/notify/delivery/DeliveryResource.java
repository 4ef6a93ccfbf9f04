package vn.ispeed.notify.delivery;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.ispeed.notify.api.ProblemException;
import vn.ispeed.notify.security.Caller;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/deliveries")
@RolesAllowed({Caller.DEPARTMENT, Caller.MINISTRY, Caller.OPS})
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    private final DeliveryService service;
    private final Caller caller;

    public DeliveryResource(DeliveryService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    public Uni<List<DeliveryView>> list(@QueryParam("subscription") String subscription,
                                        @QueryParam("province") String province) {
        Optional<UUID> id = Optional.ofNullable(subscription).filter(s -> !s.isBlank()).map(s -> {
            try {
                return UUID.fromString(s.trim());
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation("subscription", "not a subscription id");
            }
        });
        return service.list(caller, id, Optional.ofNullable(province).filter(p -> !p.isBlank()));
    }
}
