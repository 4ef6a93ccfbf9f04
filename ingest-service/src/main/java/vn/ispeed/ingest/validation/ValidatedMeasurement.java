package vn.ispeed.ingest.validation;

import vn.ispeed.events.App;
import vn.ispeed.events.Location;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;

import java.time.Instant;
import java.util.UUID;

/** A test that passed every check, still carrying the raw install id (never logged, never appended). */
public record ValidatedMeasurement(
        UUID testId,
        String installId,
        Instant measuredAt,
        NetworkType networkType,
        Technology technology,
        String operator,
        Metrics metrics,
        Location location,
        App app) {

    @Override
    public String toString() {
        // installId and location stay out of logs and exception messages
        return "ValidatedMeasurement[testId=" + testId + "]";
    }
}
