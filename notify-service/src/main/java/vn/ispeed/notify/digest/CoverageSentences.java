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
 * The province's coverage sentence for one network type. Vietnamese digests take stats-service's own
 * sentence when it answers (it knows every unit, including those without a single test); otherwise,
 * and always in English, the sentence is composed from the coverage events this service stored and
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

    /** The sentence from stats-service, or empty on any failure or unknown shape. */
    public Uni<Optional<String>> fromStats(String set, String network, String period, String province) {
        if (!config.stats().enabled()) {
            return Uni.createFrom().item(Optional.empty());
        }
        // The REST client answers on its own context; come back to the caller's so its reactive session is found.
        io.vertx.core.Context caller = io.vertx.core.Vertx.currentContext();
        return stats.coverage(set, network.toLowerCase(java.util.Locale.ROOT), period, province)
                .ifNoItem().after(java.time.Duration.ofSeconds(5)).fail()
                .map(CoverageSentences::sentence)
                .onFailure().recoverWithItem(e -> {
                    LOG.infof("stats-service coverage unavailable (%s); composing the sentence locally", e.getMessage());
                    return Optional.<String>empty();
                })
                .emitOn(command -> {
                    if (caller == null) {
                        command.run();
                    } else {
                        caller.runOnContext(ignored -> command.run());
                    }
                });
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
