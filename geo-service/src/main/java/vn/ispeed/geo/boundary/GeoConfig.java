package vn.ispeed.geo.boundary;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything geo-service reads from configuration. A boundary set is described entirely
 * here (files, levels, property names), so adding one needs no code.
 */
@ConfigMapping(prefix = "geo")
public interface GeoConfig {

    /** Folder of the boundary data. A relative path is tried from the working directory, then its parents. */
    @WithDefault("../shared/geo")
    String root();

    /** The boundary sets by name (e.g. {@code vn-2025}). */
    Map<String, SetConfig> sets();

    Locate locate();

    Grid grid();

    Stream stream();

    Relocate relocate();

    /** The replay of the whole log through a set (stream/RelocateJobs). */
    interface Relocate {
        /**
         * How long after its {@code locatedSince} a job takes the log's end offsets: a test another instance locates
         * after them is located later than {@code locatedSince} by any clock less than this apart.
         */
        @WithDefault("PT5S")
        java.time.Duration settle();
    }

    /** The measurements -> measurements-located loop. */
    interface Stream {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("geo-service")
        String groupId();

        /** Unique per instance (the pod name in Kubernetes); fencing of zombies is by consumer group generation. */
        @WithDefault("geo-service-local")
        String transactionalId();

        @WithDefault("500")
        int maxPollRecords();

        /** Wait before rebuilding the clients after a failure (Kafka down, fenced producer). */
        @WithDefault("PT2S")
        java.time.Duration restartBackoff();
    }

    interface Locate {
        /** Accuracy (m) above which a test is LOW_ACCURACY. */
        @WithDefault("2000")
        double lowAccuracyM();

        /** Upper bound (m) of the snapping radius for points in slivers or just offshore: min(accuracy, this). */
        @WithDefault("250")
        double maxSnapM();

        /** Most points in one batch request. */
        @WithDefault("1000")
        int batchMax();
    }

    /** The uniform lookup grid built over each level's polygons at load. */
    interface Grid {
        /** Coarse cell size in degrees; must stay wider than max-snap-m (checked at load). */
        @WithDefault("0.01")
        double cellDeg();

        /** Each border cell is split into subdivisions x subdivisions fine cells (a power of two, at most 8). */
        @WithDefault("8")
        int subdivisions();
    }

    interface SetConfig {
        /** Active sets get a located/unlocated event for every measurement. */
        @WithDefault("true")
        boolean active();

        @WithDefault("")
        String description();

        /** The code list (JSON, nested by level), relative to the root. */
        String catalogue();

        /** From the top level (province) down; the catalogue nests them in this order. */
        List<LevelConfig> levels();

        /** Points this set has no polygons for, recognised through another set. */
        Optional<NoBoundaryData> noBoundaryData();

        /** Old -> new mapping (a merges file new -> old, full/partial) for the successors endpoint. */
        Optional<Successors> successors();

        /** A level without polygons reached through the units of another set and a mapping (vn-2024's communes). */
        Optional<MappedLevelConfig> mappedLevel();
    }

    interface MappedLevelConfig {
        /** The level reached (its polygons, when the set has them for a point, come first). */
        String level();

        /** The set whose units the mapping starts from; the point is located in it first. */
        String viaSet();

        /** merges file (new unit -> old units with type full/partial), relative to the root. */
        String file();
    }

    interface LevelConfig {
        /** province, district, commune: the level name in unit paths. */
        String name();

        /** Catalogue fields of a node of this level. */
        String codeField();

        String nameField();

        Optional<String> typeField();

        /** The catalogue field holding the next level's nodes. */
        Optional<String> childrenField();

        /** GeoJSON polygons of this level (plain or .gz), relative to the root. */
        Optional<String> boundaries();

        /** Feature property holding the unit code (falls back to the feature id). */
        @WithDefault("code")
        String boundaryCodeProperty();

        /** Feature property holding the parent code; when given it decides the parent (else the catalogue nesting). */
        Optional<String> boundaryParentProperty();

        /** Whether points are located with this level's polygons (false: display only, loaded on first request). */
        @WithDefault("true")
        boolean locate();

        /** Default simplification tolerance (m) of the boundaries endpoint for this level. */
        @WithDefault("100")
        double displayToleranceM();
    }

    interface NoBoundaryData {
        /** The set consulted for a point this set cannot place. */
        String viaSet();

        /** Unit codes (in via-set) whose area has no polygons in this set. */
        List<String> codes();
    }

    interface Successors {
        /** merges file (new unit -> old units with type full/partial), relative to the root. */
        String file();

        /** The set the new units belong to. */
        String targetSet();
    }
}
