package vn.ispeed.ingest.submit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import vn.ispeed.ingest.config.IngestConfig;
import vn.ispeed.ingest.operator.OperatorCatalog;
import vn.ispeed.ingest.ratelimit.DeviceRateLimiter;
import vn.ispeed.ingest.validation.MeasurementValidator;
import vn.ispeed.ingest.validation.ValidationRules;

import java.time.Clock;
import java.util.List;

/** Builds the plain (framework-free, unit-tested) parts from configuration. */
public class IngestComponents {

    /** The clock every time check uses; a test can replace this bean. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    MeasurementValidator validator(IngestConfig config, Clock clock) {
        return new MeasurementValidator(new ValidationRules(config.limits().maxClockSkew(), config.limits().maxAge()), clock);
    }

    @Produces
    @Singleton
    DeviceRateLimiter rateLimiter(IngestConfig config, Clock clock) {
        return new DeviceRateLimiter(config.rateLimit().testsPerHour(), config.rateLimit().maxTrackedDevices(), clock);
    }

    @Produces
    @Singleton
    OperatorCatalog operatorCatalog(IngestConfig config) {
        return new OperatorCatalog(config.operators().entrySet().stream()
                .map(e -> new OperatorCatalog.Entry(e.getKey(), e.getValue().name(),
                        e.getValue().aliases().orElse(List.of()),
                        e.getValue().mccMnc().orElse(List.of()),
                        e.getValue().asn().orElse(List.of())))
                .toList());
    }
}
