package vn.ispeed.events;

/** Events on topic {@code coverage}, keyed by set:unit:network. */
public sealed interface CoverageEvent extends IspeedEvent permits CoverageChanged {
}
