package vn.ispeed.events;

/** Events on topic {@code measurements}, keyed by testId. */
public sealed interface MeasurementEvent extends IspeedEvent permits MeasurementSubmitted {
}
