package vn.ispeed.portal.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import vn.ispeed.portal.client.StatsClient;
import vn.ispeed.portal.security.Caller;
import vn.ispeed.portal.web.PortalProblem;

import java.time.Duration;

/**
 * Every figure the portal shows, straight from stats-service with the caller's token: the portal reshapes,
 * sorts and formats, it never computes a figure. Failures become {@link PortalProblem}s.
 */
@ApplicationScoped
public class Figures {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final StatsClient stats;

    public Figures(@RestClient StatsClient stats) {
        this.stats = stats;
    }

    public Uni<JsonNode> unit(Caller c, String set, String code, String network, String period) {
        return guard(stats.unit(c.bearer(), set, code, network, period));
    }

    public Uni<JsonNode> children(Caller c, String set, String code, String network, String period) {
        return guard(stats.children(c.bearer(), set, code, network, period));
    }

    public Uni<JsonNode> operators(Caller c, String set, String code, String network, String period) {
        return guard(stats.operators(c.bearer(), set, code, network, period));
    }

    /** The twelve months up to {@code to}. */
    public Uni<JsonNode> series(Caller c, String set, String code, String network, String from, String to) {
        return guard(stats.series(c.bearer(), set, code, network, from, to));
    }

    public Uni<JsonNode> coverage(Caller c, String set, String network, String period, String province) {
        return guard(stats.coverage(c.bearer(), set, network, period, province));
    }

    private static Uni<JsonNode> guard(Uni<JsonNode> call) {
        return call.ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(t -> PortalProblem.of("stats-service", t));
    }
}
