package vn.ispeed.events;

/**
 * Every fact the platform records. Each family is sealed so a consumer's switch is checked
 * for exhaustiveness; the stable wire name of each record lives in {@link EventTypes}.
 */
public sealed interface IspeedEvent
        permits MeasurementEvent, LocationEvent, CoverageEvent, NotificationEvent {
}
