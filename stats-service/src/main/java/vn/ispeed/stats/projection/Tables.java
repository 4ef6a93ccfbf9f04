package vn.ispeed.stats.projection;

import java.util.List;

/** The names of one generation of projection tables: the live ones, or the ones a rebuild fills. */
public record Tables(String fact, String unlocated, String cell, String checkpoint) {
    public static final Tables LIVE = new Tables("fact", "unlocated_fact", "cell", "checkpoint");
    public static final Tables REBUILD = new Tables("fact_rebuild", "unlocated_fact_rebuild", "cell_rebuild", "checkpoint_rebuild");

    public List<String> all() {
        return List.of(fact, unlocated, cell, checkpoint);
    }
}
