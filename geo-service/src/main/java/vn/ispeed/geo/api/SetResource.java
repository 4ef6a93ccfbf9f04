package vn.ispeed.geo.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import vn.ispeed.events.UnitRef;
import vn.ispeed.geo.boundary.BoundaryRegistry;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.Unit;
import vn.ispeed.geo.catalogue.BoundaryGeoJson;
import vn.ispeed.geo.catalogue.BoundaryLayers;
import vn.ispeed.geo.catalogue.CatalogueService;

import java.util.List;
import java.util.Map;

/** The boundary sets: what is loaded, the unit catalogue, successors and boundary GeoJSON. */
@Path("/api/v1/sets")
@Produces(MediaType.APPLICATION_JSON)
public class SetResource {
    public static final String GEOJSON = "application/geo+json";
    private static final int MAX_LIMIT = 20_000;

    private final BoundaryRegistry registry;
    private final CatalogueService catalogue;

    public SetResource(BoundaryRegistry registry, CatalogueService catalogue) {
        this.registry = registry;
        this.catalogue = catalogue;
    }

    public record LevelView(String name, int units, Integer polygons, boolean locates, boolean boundaries) {
    }

    public record SetView(String name, String description, boolean active, List<LevelView> levels,
                          long loadMillis, long vertices, long gridBytes, List<String> warnings) {
    }

    public record SetsView(List<SetView> sets, Startup startup) {
    }

    /** The load of all sets at start-up: wall time and the heap in use after it (after a GC). */
    public record Startup(long loadMillis, long heapUsedMb) {
    }

    public record UnitView(String code, String name, String type, String level, String parentCode) {
        static UnitView of(Unit u) {
            return new UnitView(u.code(), u.name(), u.type(), u.level(), u.parentCode());
        }
    }

    public record UnitsView(String set, int total, int returned, List<UnitView> units) {
    }

    public record UnitDetail(String set, String code, String name, String type, String level, String parentCode,
                             List<UnitRef> path, int children, boolean hasBoundary) {
    }

    @GET
    public SetsView sets() {
        List<SetView> views = registry.sets().stream().map(s -> {
            List<LevelView> levels = new java.util.ArrayList<>();
            Map<String, Integer> polygons = s.report().polygonsPerLevel();
            for (int i = 0; i < s.levels().size(); i++) {
                String name = s.levels().get(i);
                int index = i;
                boolean locates = s.locateLevels().stream().anyMatch(l -> l.levelIndex() == index);
                levels.add(new LevelView(name, s.report().unitsPerLevel().getOrDefault(name, 0), polygons.get(name),
                        locates, s.hasBoundaries(i)));
            }
            return new SetView(s.name(), s.description(), s.active(), levels, s.report().loadMillis(),
                    s.report().vertices(), s.report().gridBytes(), s.report().warnings());
        }).toList();
        return new SetsView(views, new Startup(registry.all().loadMillis(), registry.all().heapUsedMb()));
    }

    @GET
    @Path("/{set}/units")
    public UnitsView units(@PathParam("set") String set, @QueryParam("level") String level,
                           @QueryParam("parent") String parent, @QueryParam("q") String q,
                           @QueryParam("limit") String limit) {
        BoundarySet boundarySet = catalogue.set(set);
        int max = parseLimit(limit);
        List<Unit> units = catalogue.units(boundarySet, level, parent, q);
        List<UnitView> page = units.stream().limit(max).map(UnitView::of).toList();
        return new UnitsView(boundarySet.name(), units.size(), page.size(), page);
    }

    @GET
    @Path("/{set}/units/{code}")
    public UnitDetail unit(@PathParam("set") String set, @PathParam("code") String code) {
        BoundarySet boundarySet = catalogue.set(set);
        Unit u = catalogue.unit(boundarySet, code);
        boolean hasBoundary = boundarySet.hasBoundaries(u.levelIndex())
                && boundarySet.polygons(u.levelIndex()).containsKey(u.code());
        return new UnitDetail(boundarySet.name(), u.code(), u.name(), u.type(), u.level(), u.parentCode(), u.path(),
                boundarySet.children(u.code()).size(), hasBoundary);
    }

    @GET
    @Path("/{set}/units/{code}/successors")
    public CatalogueService.SuccessorsView successors(@PathParam("set") String set, @PathParam("code") String code) {
        return catalogue.successors(catalogue.set(set), code);
    }

    @GET
    @Path("/{set}/boundaries")
    @Produces({GEOJSON, MediaType.APPLICATION_JSON})
    public Response boundaries(@PathParam("set") String set, @QueryParam("level") String level,
                               @QueryParam("parent") String parent, @QueryParam("tolerance") String tolerance,
                               @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        BoundarySet boundarySet = catalogue.set(set);
        Params params = new Params();
        Double toleranceM = params.number("tolerance", tolerance, false);
        if (toleranceM != null) {
            params.range("tolerance", toleranceM, 0, 10_000, false);
        }
        params.check();
        BoundaryGeoJson.Rendered body;
        try {
            body = catalogue.boundaries(boundarySet, level, parent, toleranceM);
        } catch (BoundaryLayers.Preparing e) {
            return Response.fromResponse(new Problem(Problem.BASE + "boundaries-preparing", "Service unavailable", 503,
                            e.getMessage(), null, null, null).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
        }
        if (ifNoneMatch != null && List.of(ifNoneMatch.split("\\s*,\\s*")).contains(body.etag())) {
            return Response.status(Response.Status.NOT_MODIFIED).header(HttpHeaders.ETAG, body.etag()).build();
        }
        return Response.ok(body.body(), GEOJSON)
                .header(HttpHeaders.ETAG, body.etag())
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .build();
    }

    private static int parseLimit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 1000;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 1 || v > MAX_LIMIT) {
                throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("limit", "must be an integer");
        }
    }
}
