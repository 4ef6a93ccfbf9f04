package vn.ispeed.notify.subscription;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import vn.ispeed.notify.security.Caller;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/subscriptions")
@RolesAllowed({Caller.DEPARTMENT, Caller.MINISTRY})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriptionResource {
    private final SubscriptionService service;
    private final Caller caller;

    public SubscriptionResource(SubscriptionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    public Uni<List<SubscriptionView>> list(@QueryParam("province") String province) {
        return service.list(caller, Optional.ofNullable(province).filter(p -> !p.isBlank()));
    }

    @GET
    @Path("{id}")
    public Uni<SubscriptionView> get(@PathParam("id") UUID id) {
        return service.get(caller, id);
    }

    @POST
    public Uni<Response> create(SubscriptionRequest request, @Context UriInfo uri) {
        return service.create(caller, request)
                .map(v -> Response.created(uri.getAbsolutePathBuilder().path(v.id().toString()).build()).entity(v).build());
    }

    @PUT
    @Path("{id}")
    public Uni<SubscriptionView> update(@PathParam("id") UUID id, SubscriptionRequest request) {
        return service.update(caller, id, request);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(caller, id).map(ignored -> Response.noContent().build());
    }
}
