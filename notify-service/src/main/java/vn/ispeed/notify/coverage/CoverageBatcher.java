package vn.ispeed.notify.coverage;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.ispeed.notify.config.NotifyConfig;
import vn.ispeed.notify.delivery.DeliveryLog;
import vn.ispeed.notify.geo.ProvinceDirectory;
import vn.ispeed.notify.message.Change;
import vn.ispeed.notify.message.Labels;
import vn.ispeed.notify.message.Message;
import vn.ispeed.notify.message.MessageRenderer;
import vn.ispeed.notify.subscription.Subscription;
import vn.ispeed.notify.subscription.SubscriptionRepository;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Coalesces pending coverage changes: once the oldest pending change of a (boundary set, province)
 * is older than {@code notify.coalesce-window}, every pending change of that province becomes one
 * batch, keyed {@code coverage:<set>:<province>:<start of the window>}, and each subscription that
 * wants coverage changes for a network in it gets one PENDING delivery, all in one transaction.
 */
@ApplicationScoped
public class CoverageBatcher {
    private static final Logger LOG = Logger.getLogger(CoverageBatcher.class);
    static final String DUE_GROUPS = """
            SELECT boundary_set || '|' || province_code FROM coverage_event
            WHERE alert_pending GROUP BY boundary_set, province_code HAVING min(received_at) <= :cutoff""";
    static final String LOCK_PENDING = """
            SELECT * FROM coverage_event WHERE alert_pending AND boundary_set = :set AND province_code = :province
            ORDER BY id FOR UPDATE SKIP LOCKED""";

    private final NotifyConfig config;
    private final SubscriptionRepository subscriptions;
    private final DeliveryLog deliveries;
    private final MessageRenderer renderer;
    private final ProvinceDirectory provinces;

    public CoverageBatcher(NotifyConfig config, SubscriptionRepository subscriptions, DeliveryLog deliveries,
                           MessageRenderer renderer, ProvinceDirectory provinces) {
        this.config = config;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.provinces = provinces;
    }

    @Scheduled(every = "${notify.coverage.flush-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "coverage-batches",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return flush(Instant.now()).replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("coverage batching failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Batches every province whose window has elapsed; returns the number of deliveries created. */
    public Uni<Integer> flush(Instant now) {
        Instant cutoff = now.minus(config.coalesceWindow());
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(DUE_GROUPS, String.class)
                        .setParameter("cutoff", cutoff)
                        .getResultList()))
                .chain(groups -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (String group : groups) {
                        String[] parts = group.split("\\|", 2);
                        chain = chain.chain(total -> batch(parts[0], parts[1], now).map(n -> total + n));
                    }
                    return chain;
                });
    }

    private Uni<Integer> batch(String set, String province, Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(LOCK_PENDING, ReceivedCoverage.class)
                        .setParameter("set", set)
                        .setParameter("province", province)
                        .getResultList())
                .chain(events -> {
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    Instant start = events.stream().map(e -> e.receivedAt).min(Comparator.naturalOrder()).orElse(now);
                    String key = "coverage:" + set + ":" + province + ":" + start.truncatedTo(ChronoUnit.SECONDS);
                    events.forEach(e -> {
                        e.alertPending = false;
                        e.batchKey = key;
                    });
                    return subscriptions.wanting(set, province, Subscription.COVERAGE_CHANGES)
                            .chain(subs -> deliver(subs, events, key, now));
                }));
    }

    private Uni<Integer> deliver(List<Subscription> subs, List<ReceivedCoverage> events, String key, Instant now) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Subscription s : subs) {
            List<Change> changes = coalesce(events.stream()
                    .filter(e -> s.networkList().stream().anyMatch(n -> n.name().equals(e.network)))
                    .toList(), s.language);
            if (changes.isEmpty()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            Message message = renderer.coverageChanges(id, key, s,
                    provinces.name(s.boundarySet, s.provinceCode, s.language), changes);
            chain = chain.chain(n -> deliveries.insert(id, s, Subscription.COVERAGE_CHANGES, key, message, now)
                    .map(created -> created ? n + 1 : n));
        }
        return chain;
    }

    /**
     * One line per cell (unit, network, period): the latest status against the status before the
     * first change of the batch; a cell that flipped and flipped back is left out.
     */
    static List<Change> coalesce(List<ReceivedCoverage> events, String language) {
        Map<String, ReceivedCoverage[]> cells = new LinkedHashMap<>();
        events.stream().sorted(Comparator.comparing((ReceivedCoverage e) -> e.changedAt).thenComparing(e -> e.id))
                .forEach(e -> {
                    ReceivedCoverage[] firstLast = cells.computeIfAbsent(e.unitCode + "|" + e.network + "|" + e.period,
                            k -> new ReceivedCoverage[]{e, e});
                    firstLast[1] = e;
                });
        return cells.values().stream()
                .filter(fl -> !fl[1].status.equals(fl[0].previous))
                .map(fl -> change(fl[1], fl[0].previous, language))
                .sorted(Comparator.comparing(Change::unitName).thenComparing(Change::network))
                .toList();
    }

    public static Change change(ReceivedCoverage e, String previous, String language) {
        boolean published = "PUBLISHED".equals(e.status);
        return new Change(e.unitCode, e.unitName == null ? e.unitCode : e.unitName, e.level, e.network,
                Labels.network(e.network, language), e.period, previous, Labels.status(previous, language),
                e.status, Labels.status(e.status, language), published, e.tests, e.devices, e.needTests,
                e.needDevices, Labels.needs(e.needTests, e.needDevices, language), e.changedAt);
    }
}
