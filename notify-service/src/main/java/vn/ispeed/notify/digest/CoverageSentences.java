package vn.ispeed.notify.digest;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import vn.ispeed.notify.config.NotifyConfig;
import vn.ispeed.notify.coverage.ReceivedCoverage;
import vn.ispeed.notify.geo.ProvinceDirectory;
import vn.ispeed.notify.message.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The province's coverage sentence for one network type. Digests take stats-service's own sentence
 * ({@code sentence}, {@code sentenceEn}) when it answers, since it knows every unit, including those
 * without a single test; otherwise the sentence is composed from the coverage events this service stored and
 * the unit counts of the geo code lists: insufficient = units of the level − units whose latest
 * status is PUBLISHED.
 */
@ApplicationScoped
public class CoverageSentences {
    private static final Logger LOG = Logger.getLogger(CoverageSentences.class);

    private final StatsClient stats;
    private final NotifyConfig config;
    private final ProvinceDirectory provinces;

    public CoverageSentences(@RestClient StatsClient stats, NotifyConfig config, ProvinceDirectory provinces) {
        this.stats = stats;
        this.config = config;
        this.provinces = provinces;
    }

    /** stats-service's sentences of one network type: Vietnamese and, when it gives one, English. */
    public record FromStats(Optional<String> vi, Optional<String> en) {
        static final FromStats NONE = new FromStats(Optional.empty(), Optional.empty());

        public Optional<String> in(String language) {
            return Labels.en(language) ? en : vi;
        }
    }

    /** The sentences from stats-service, or none on any failure or unknown shape. */
    public Uni<FromStats> fromStats(String set, String network, String period, String province) {
        if (!config.stats().enabled()) {
            return Uni.createFrom().item(FromStats.NONE);
        }
        // The REST client answers on its own context; come back to the caller's so its reactive session is found.
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        return stats.coverage(set, network.toLowerCase(java.util.Locale.ROOT), period, province)
                .ifNoItem().after(java.time.Duration.ofSeconds(5)).fail()
                .map(CoverageSentences::read)
                .onFailure().recoverWithItem(e -> {
                    LOG.infof("stats-service coverage unavailable (%s); composing the sentence locally", e.getMessage());
                    return FromStats.NONE;
                })
                .emitOn(command -> {
                    if (caller == null) {
                        command.run();
                    } else {
                        caller.runOnContext(ignored -> command.run());
                    }
                });
    }

    /** {@code sentence} / {@code sentenceEn} at the top of the report, or any {@code sentence} deeper down. */
    static FromStats read(JsonNode report) {
        Optional<String> en = text(report == null ? null : report.get("sentenceEn"));
        Optional<String> vi = text(report == null ? null : report.get("sentence"));
        return new FromStats(vi.isPresent() ? vi : sentence(report), en);
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().trim())
                : Optional.empty();
    }

    /** Every "sentence" text in the answer, joined; tolerant of where stats-service puts it. */
    static Optional<String> sentence(JsonNode node) {
        List<String> found = new ArrayList<>();
        collect(node, found);
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", found));
    }

    private static void collect(JsonNode node, List<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            JsonNode s = node.get("sentence");
            if (s != null && s.isTextual() && !s.asText().isBlank()) {
                found.add(s.asText().trim());
                return;
            }
            node.fields().forEachRemaining(e -> collect(e.getValue(), found));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, found));
        }
    }

    /** The locally composed sentence from the latest status per unit of this network. */
    public String compose(String set, String province, String network, List<ReceivedCoverage> latest, String language) {
        Map<String, Integer> totals = provinces.find(set, province).map(ProvinceDirectory.Province::units).orElse(Map.of());
        Map<String, long[]> byLevel = new TreeMap<>(java.util.Comparator.comparingInt(CoverageSentences::rank)
                .thenComparing(java.util.Comparator.naturalOrder())); // published, insufficient
        for (ReceivedCoverage c : latest) {
            if (!network.equals(c.network) || "province".equals(c.level) || "nation".equals(c.level)) {
                continue;
            }
            long[] counts = byLevel.computeIfAbsent(c.level, k -> new long[2]);
            counts["PUBLISHED".equals(c.status) ? 0 : 1]++;
        }
        totals.keySet().forEach(level -> byLevel.computeIfAbsent(level, k -> new long[2]));
        List<String> parts = new ArrayList<>();
        boolean en = Labels.en(language);
        byLevel.forEach((level, counts) -> {
            Integer total = totals.get(level);
            String units = Labels.unitsOf(level, language);
            if (total != null) {
                long insufficient = Math.max(0, total - counts[0]);
                parts.add(en ? insufficient + " of " + total + " " + units : insufficient + "/" + total + " " + units);
            } else {
                parts.add(counts[1] + " " + units);
            }
        });
        String label = Labels.network(network, language);
        if (parts.isEmpty()) {
            return label + (en ? ": no data yet" : ": chưa có dữ liệu");
        }
        return label + ": " + String.join(en ? " and " : " và ", parts)
                + (en ? " without enough samples for statistics" : " không đủ mẫu để thống kê");
    }

    private static int rank(String level) {
        return switch (level) {
            case "district" -> 1;
            case "commune" -> 2;
            default -> 3;
        };
    }
}
