package vn.ispeed.notify.coverage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.CoverageEvent;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.EventFormatException;
import vn.ispeed.notify.config.NotifyConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Stores every {@code CoverageChanged} once (unique event key; a redelivery inserts nothing) and marks
 * the ones that deserve an alert as pending for {@link CoverageBatcher}. A payload that is not a
 * coverage event fails and goes to the dead-letter topic; a database failure is retried, never
 * dead-lettered, so an outage does not lose events.
 */
@ApplicationScoped
public class CoverageConsumer {
    public static final String CHANNEL = "coverage";
    private static final Logger LOG = Logger.getLogger(CoverageConsumer.class);
    static final String INSERT = """
            INSERT INTO coverage_event (event_key, boundary_set, unit_code, unit_name, level, province_code, network,
                period, previous, status, tests, devices, need_tests, need_devices, changed_at, received_at, alert_pending)
            VALUES (:key, :set, :unit, NULLIF(:name, ''), :level, NULLIF(:province, ''), :network, :period, NULLIF(:previous, ''), :status, :tests, :devices,
                :needTests, :needDevices, :changedAt, :receivedAt, :pending)
            ON CONFLICT (event_key) DO NOTHING"""; // nulls go in as '' so every parameter has a type

    private final EventCodec codec = EventCodec.standard();
    private final CoverageAlertRule rule;
    private final Counter stored;
    private final Counter duplicates;

    public CoverageConsumer(NotifyConfig config, MeterRegistry registry) {
        this.rule = new CoverageAlertRule(config.coverage().periodKind(), config.coverage().maxAlertAge());
        this.stored = Counter.builder("notify.coverage.events").tag("outcome", "stored").register(registry);
        this.duplicates = Counter.builder("notify.coverage.events").tag("outcome", "duplicate").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(byte[] payload) {
        CoverageChanged event;
        try {
            CoverageEvent decoded = codec.decode(payload, CoverageEvent.class);
            event = (CoverageChanged) decoded;
        } catch (EventFormatException e) {
            LOG.warnf("dead-lettering a record of topic coverage: %s", e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return store(event)
                .onFailure().invoke(e -> LOG.warnf("cannot store coverage event %s, retrying: %s",
                        CoverageAlertRule.eventKey(event), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely();
    }

    Uni<Void> store(CoverageChanged e) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("key", CoverageAlertRule.eventKey(e))
                .setParameter("set", e.boundarySet())
                .setParameter("unit", e.unitCode())
                .setParameter("name", e.unitName() == null ? "" : e.unitName())
                .setParameter("level", e.level())
                .setParameter("province", e.provinceCode() == null ? "" : e.provinceCode())
                .setParameter("network", e.network().name())
                .setParameter("period", e.period())
                .setParameter("previous", e.previous() == null ? "" : e.previous().name())
                .setParameter("status", e.status().name())
                .setParameter("tests", e.tests())
                .setParameter("devices", e.devices())
                .setParameter("needTests", e.needTests())
                .setParameter("needDevices", e.needDevices())
                .setParameter("changedAt", e.changedAt())
                .setParameter("receivedAt", now)
                .setParameter("pending", rule.alerts(e, now))
                .executeUpdate()))
                .invoke(rows -> (rows == 0 ? duplicates : stored).increment())
                .replaceWithVoid();
    }
}
