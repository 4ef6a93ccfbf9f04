package vn.ispeed.notify.digest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.ispeed.events.NetworkType;
import vn.ispeed.notify.config.NotifyConfig;
import vn.ispeed.notify.coverage.CoverageBatcher;
import vn.ispeed.notify.coverage.ReceivedCoverage;
import vn.ispeed.notify.delivery.DeliveryLog;
import vn.ispeed.notify.geo.ProvinceDirectory;
import vn.ispeed.notify.message.Change;
import vn.ispeed.notify.message.DigestContent;
import vn.ispeed.notify.message.Labels;
import vn.ispeed.notify.message.Message;
import vn.ispeed.notify.message.MessageRenderer;
import vn.ispeed.notify.subscription.Subscription;
import vn.ispeed.notify.subscription.SubscriptionRepository;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the weekly digest of every (boundary set, province) with digest subscriptions and queues one
 * delivery per subscription under the key {@code digest:<set>:<province>:<ISO week>}: a second run in
 * the same week (the schedule on another instance, or a manual run) sends nothing new. The period is
 * the current month in {@code notify.digest.zone}; "published since the last digest" means since the
 * previous run for that province (a week back for the first one).
 */
@ApplicationScoped
public class DigestService {
    private static final Logger LOG = Logger.getLogger(DigestService.class);
    static final String LATEST = """
            SELECT DISTINCT ON (unit_code, network) * FROM coverage_event
            WHERE boundary_set = :set AND province_code = :province AND period = :period
            ORDER BY unit_code, network, changed_at DESC, id DESC""";
    static final String LAST_RUN = """
            SELECT max(ran_at) FROM digest_run WHERE boundary_set = :set AND province_code = :province""";
    static final String RECORD_RUN = """
            INSERT INTO digest_run (boundary_set, province_code, week, ran_at) VALUES (:set, :province, :week, :at)""";

    /** The result of a run: provinces covered and deliveries queued. */
    public record Run(String week, String period, int provinces, int deliveries) {
    }

    private record Group(String set, String province) {
    }

    private final SubscriptionRepository subscriptions;
    private final DeliveryLog deliveries;
    private final MessageRenderer renderer;
    private final CoverageSentences sentences;
    private final ProvinceDirectory provinces;
    private final NotifyConfig config;

    public DigestService(SubscriptionRepository subscriptions, DeliveryLog deliveries, MessageRenderer renderer,
                         CoverageSentences sentences, ProvinceDirectory provinces, NotifyConfig config) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.renderer = renderer;
        this.sentences = sentences;
        this.provinces = provinces;
        this.config = config;
    }

    public Uni<Run> run(Optional<String> province, Instant now) {
        ZonedDateTime local = now.atZone(ZoneId.of(config.digest().zone()));
        String week = local.get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        String period = local.format(DateTimeFormatter.ofPattern("yyyy-MM"));
        return Panache.withSession(() -> subscriptions.wantingAnywhere(Subscription.WEEKLY_DIGEST))
                .chain(all -> {
                    Map<Group, List<Subscription>> groups = new LinkedHashMap<>();
                    all.stream().filter(s -> province.map(p -> p.equals(s.provinceCode)).orElse(true))
                            .forEach(s -> groups.computeIfAbsent(new Group(s.boundarySet, s.provinceCode),
                                    g -> new ArrayList<>()).add(s));
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Map.Entry<Group, List<Subscription>> g : groups.entrySet()) {
                        chain = chain.chain(total -> digest(g.getKey(), g.getValue(), week, period, now)
                                .map(n -> total + n)
                                .onFailure().recoverWithItem(e -> {
                                    LOG.warnf("digest of %s/%s failed: %s", g.getKey().set(), g.getKey().province(),
                                            e.getMessage());
                                    return total;
                                }));
                    }
                    return chain.map(n -> new Run(week, period, groups.size(), n));
                });
    }

    private Uni<Integer> digest(Group g, List<Subscription> subs, String week, String period, Instant now) {
        Uni<List<ReceivedCoverage>> latest = Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(LATEST, ReceivedCoverage.class)
                        .setParameter("set", g.set())
                        .setParameter("province", g.province())
                        .setParameter("period", period)
                        .getResultList()));
        Uni<Instant> since = Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(LAST_RUN, Instant.class)
                        .setParameter("set", g.set())
                        .setParameter("province", g.province())
                        .getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0) == null ? now.minus(java.time.Duration.ofDays(7)) : rows.get(0)));
        Map<String, CoverageSentences.FromStats> fromStats = new HashMap<>();
        Uni<Void> statsSentences = Uni.createFrom().voidItem();
        for (NetworkType n : NetworkType.values()) {
            statsSentences = statsSentences.chain(() -> sentences.fromStats(g.set(), n.name(), period, g.province())
                    .invoke(s -> fromStats.put(n.name(), s)).replaceWithVoid());
        }
        return statsSentences.chain(() -> latest).chain(cells -> since.chain(from -> Panache.withTransaction(() -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            String key = "digest:" + g.set() + ":" + g.province() + ":" + week;
            for (Subscription s : subs) {
                DigestContent content = content(s, cells, fromStats, week, period, from);
                UUID id = UUID.randomUUID();
                Message message = renderer.digest(id, key, s, provinces.name(s.boundarySet, s.provinceCode, s.language),
                        content);
                chain = chain.chain(n -> deliveries.insert(id, s, Subscription.WEEKLY_DIGEST, key, message, now)
                        .map(created -> created ? n + 1 : n));
            }
            return chain.call(() -> Panache.getSession().chain(session -> session.createNativeQuery(RECORD_RUN)
                    .setParameter("set", g.set())
                    .setParameter("province", g.province())
                    .setParameter("week", week)
                    .setParameter("at", now)
                    .executeUpdate()));
        })));
    }

    DigestContent content(Subscription s, List<ReceivedCoverage> cells, Map<String, CoverageSentences.FromStats> fromStats,
                          String week, String period, Instant since) {
        String language = s.language;
        List<DigestContent.Sentence> lines = new ArrayList<>();
        List<Change> insufficient = new ArrayList<>();
        List<Change> published = new ArrayList<>();
        for (NetworkType n : s.networkList()) {
            Optional<String> stats = fromStats.getOrDefault(n.name(), CoverageSentences.FromStats.NONE).in(language);
            lines.add(stats.map(text -> new DigestContent.Sentence(n.name(), Labels.network(n.name(), language),
                            text, "stats-service"))
                    .orElseGet(() -> new DigestContent.Sentence(n.name(), Labels.network(n.name(), language),
                            sentences.compose(s.boundarySet, s.provinceCode, n.name(), cells, language), "notify-service")));
            for (ReceivedCoverage c : cells) {
                if (!n.name().equals(c.network) || "province".equals(c.level) || "nation".equals(c.level)) {
                    continue;
                }
                if ("PUBLISHED".equals(c.status)) {
                    if (c.changedAt.isAfter(since)) {
                        published.add(CoverageBatcher.change(c, c.previous, language));
                    }
                } else {
                    insufficient.add(CoverageBatcher.change(c, c.previous, language));
                }
            }
        }
        insufficient.sort(Comparator.comparingLong(Change::needTests).thenComparing(Change::unitName));
        published.sort(Comparator.comparing(Change::unitName));
        int max = Math.max(0, config.digest().maxUnits());
        int more = Math.max(0, insufficient.size() - max);
        return new DigestContent(week, period, lines, insufficient.subList(0, Math.min(max, insufficient.size())),
                more, published);
    }
}
