package vn.ispeed.ingest.publish;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.ispeed.ingest.config.IngestConfig;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ready only while the broker answers; the answer is cached briefly so probes stay cheap. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {
    private static final String NAME = "kafka";

    private final String bootstrapServers;
    private final long cacheMillis;
    private Admin admin;
    private HealthCheckResponse last;
    private long lastAt;

    public KafkaReadinessCheck(IngestConfig config,
                               @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.cacheMillis = config.kafka().healthCacheFor().toMillis();
    }

    @Override
    public synchronized HealthCheckResponse call() {
        long now = System.currentTimeMillis();
        if (last != null && now - lastAt < cacheMillis) {
            return last;
        }
        last = probe();
        lastAt = System.currentTimeMillis();
        return last;
    }

    private HealthCheckResponse probe() {
        try {
            if (admin == null) {
                admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        AdminClientConfig.CLIENT_ID_CONFIG, "ingest-service-health",
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
            }
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                    .nodes().get(2500, TimeUnit.MILLISECONDS).size();
            return HealthCheckResponse.named(NAME).up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down("broker unreachable");
        }
    }

    private static HealthCheckResponse down(String reason) {
        return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close();
        }
    }
}
