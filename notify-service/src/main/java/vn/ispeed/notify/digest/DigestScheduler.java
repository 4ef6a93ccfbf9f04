package vn.ispeed.notify.digest;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;

/** Runs the weekly digest on {@code notify.digest.cron} in {@code notify.digest.zone}. */
@ApplicationScoped
public class DigestScheduler {
    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);
    private final DigestService digests;

    public DigestScheduler(DigestService digests) {
        this.digests = digests;
    }

    @Scheduled(cron = "${notify.digest.cron}", timeZone = "${notify.digest.zone}", identity = "weekly-digest",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> weekly() {
        return digests.run(Optional.empty(), Instant.now())
                .invoke(run -> LOG.infof("weekly digest %s: %d province(s), %d delivery(ies) queued",
                        run.week(), run.provinces(), run.deliveries()))
                .replaceWithVoid();
    }
}
