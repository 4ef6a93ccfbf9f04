package vn.ispeed.geo.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.ispeed.events.UnitRef;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.locate.LocateService;
import vn.ispeed.geo.locate.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Point to units: {@code GET /api/v1/locate} and {@code POST /api/v1/locate/batch}. */
@Path("/api/v1/locate")
@Produces(MediaType.APPLICATION_JSON)
public class LocateResource {
    private final LocateService service;

    public LocateResource(LocateService service) {
        this.service = service;
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record SetResult(String set, boolean located, String method, Double distanceM, UnitRef unit,
                            List<UnitRef> path, String reason, String mappedFrom, String unresolved,
                            List<String> candidates) {
        static SetResult of(Outcome o) {
            if (o.located()) {
                return new SetResult(o.set(), true, o.method(), o.distanceM(), o.unit().ref(), o.unit().path(), null,
                        o.mappedFrom(), o.unresolved() == null ? null : o.unresolved().name(), o.candidates());
            }
            return new SetResult(o.set(), false, null, null, null, null, o.reason().name(), null, null, null);
        }
    }

    public record LocateResponse(double lat, double lon, double accuracy, List<SetResult> results) {
    }

    public record PointInput(Double lat, Double lon, Double accuracy) {
    }

    public record BatchResponse(int count, List<LocateResponse> results) {
    }

    @GET
    public LocateResponse locate(@QueryParam("lat") String lat, @QueryParam("lon") String lon,
                                 @QueryParam("accuracy") String accuracy, @QueryParam("set") String set) {
        Params params = new Params();
        double latitude = params.latitude("lat", lat);
        double longitude = params.longitude("lon", lon);
        double acc = params.accuracy("accuracy", accuracy);
        params.check();
        List<BoundarySet> sets = service.sets(set);
        List<Outcome> outcomes = service.locate(sets, latitude, longitude, acc);
        if (outcomes.stream().noneMatch(Outcome::located)) {
            throw unlocated(outcomes);
        }
        return new LocateResponse(latitude, longitude, acc, outcomes.stream().map(SetResult::of).toList());
    }

    @POST
    @Path("/batch")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public BatchResponse batch(@QueryParam("set") String set, List<PointInput> points) {
        if (points == null) {
            throw ProblemException.invalid("body", "a JSON array of points is required");
        }
        if (points.size() > service.batchMax()) {
            throw ProblemException.invalid("body", "at most " + service.batchMax() + " points per request, got " + points.size());
        }
        Params params = new Params();
        for (int i = 0; i < points.size(); i++) {
            PointInput p = points.get(i);
            if (p == null) {
                params.error("[" + i + "]", "required");
                continue;
            }
            params.latitude("[" + i + "].lat", p.lat());
            params.longitude("[" + i + "].lon", p.lon());
            params.accuracy("[" + i + "].accuracy", p.accuracy());
        }
        params.check();
        List<BoundarySet> sets = service.sets(set);
        List<LocateResponse> results = new ArrayList<>(points.size());
        for (PointInput p : points) {
            double acc = p.accuracy() == null ? 0 : p.accuracy();
            List<Outcome> outcomes = service.locate(sets, p.lat(), p.lon(), acc);
            results.add(new LocateResponse(p.lat(), p.lon(), acc, outcomes.stream().map(SetResult::of).toList()));
        }
        return new BatchResponse(results.size(), results);
    }

    private static ProblemException unlocated(List<Outcome> outcomes) {
        Map<String, String> reasons = new LinkedHashMap<>();
        outcomes.forEach(o -> reasons.put(o.set(), o.reason().name()));
        String reason = outcomes.size() == 1 ? outcomes.get(0).reason().name() : null;
        String detail = outcomes.size() == 1
                ? "the point is not located in " + outcomes.get(0).set() + ": " + reason
                : "the point is not located in any set: " + reasons;
        return new ProblemException(new Problem(Problem.BASE + "unlocated", "Point not located", 404, detail,
                null, reason, reasons));
    }
}
