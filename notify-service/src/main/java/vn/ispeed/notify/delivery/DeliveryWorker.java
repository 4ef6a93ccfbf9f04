package vn.ispeed.notify.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.ispeed.notify.config.NotifyConfig;
import vn.ispeed.notify.subscription.Subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends due deliveries: (1) claim a batch with a lease in one transaction, (2) send them concurrently
 * without touching the database, (3) record each outcome: SENT, a retry at an exponential backoff
 * with jitter, or FAILED after the last attempt or a permanent refusal.
 *
 * <p>If the process dies between (2) and (3) the lease runs out and the row is sent again: the one
 * unavoidable at-least-once window. Every attempt carries the same {@code X-Ispeed-Delivery} id so a
 * receiver can drop the repeat.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryLog log;
    private final EmailSender email;
    private final WebhookSender webhook;
    private final NotifyConfig config;
    private final Backoff backoff;
    private final MeterRegistry registry;

    public DeliveryWorker(DeliveryLog log, EmailSender email, WebhookSender webhook, NotifyConfig config,
                          MeterRegistry registry) {
        this.log = log;
        this.email = email;
        this.webhook = webhook;
        this.config = config;
        this.registry = registry;
        NotifyConfig.Delivery d = config.delivery();
        this.backoff = new Backoff(d.initialBackoff(), d.maxBackoff(), d.jitter());
    }

    @Scheduled(every = "${notify.delivery.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "deliveries",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return runOnce().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("delivery round failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** One round; returns how many attempts were made. */
    public Uni<Integer> runOnce() {
        return claim().chain(tasks -> tasks.isEmpty() ? Uni.createFrom().item(0)
                : Multi.createFrom().iterable(tasks)
                .onItem().transformToUni(task -> send(task).map(outcome -> new Attempt(task, outcome)))
                .merge(Math.max(1, config.delivery().batchSize()))
                .collect().asList()
                .chain(results -> record(results).replaceWith(results.size())));
    }

    private Uni<List<SendTask>> claim() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> log.lockDue(now, config.delivery().batchSize()).chain(due -> {
            if (due.isEmpty()) {
                return Uni.createFrom().item(List.<SendTask>of());
            }
            List<java.util.UUID> ids = due.stream().map(d -> d.subscriptionId).distinct().toList();
            return Subscription.<Subscription>list("id in ?1", ids).map(subs -> {
                List<SendTask> tasks = new ArrayList<>();
                for (Delivery d : due) {
                    Subscription s = subs.stream().filter(x -> x.id.equals(d.subscriptionId)).findFirst().orElse(null);
                    d.attempts += 1;
                    d.leaseUntil = now.plus(config.delivery().lease());
                    d.updatedAt = now;
                    tasks.add(new SendTask(d.id, d.subscriptionId, d.provinceCode, d.kind, d.eventKey, d.channel,
                            s == null ? null : s.target(), s == null ? null : s.webhookSecret,
                            d.subject, d.bodyText, d.bodyHtml, d.bodyJson, d.attempts));
                }
                return tasks;
            });
        }));
    }

    private Uni<SendOutcome> send(SendTask task) {
        if (task.target() == null || task.target().isBlank()) {
            return Uni.createFrom().item(SendOutcome.giveUp("subscription deleted or has no target"));
        }
        Uni<SendOutcome> attempt = Subscription.WEBHOOK.equals(task.channel()) ? webhook.send(task) : email.send(task);
        return attempt.onFailure().recoverWithItem(e -> SendOutcome.retry(DeliveryErrors.describe(e)));
    }

    private record Attempt(SendTask task, SendOutcome outcome) {
    }

    private Uni<Void> record(List<Attempt> results) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Attempt a : results) {
                chain = chain.chain(() -> Delivery.<Delivery>findById(a.task().id()).invoke(d -> apply(d, a.outcome(), now)))
                        .replaceWithVoid();
            }
            return chain;
        });
    }

    private void apply(Delivery d, SendOutcome outcome, Instant now) {
        if (d == null || !Delivery.PENDING.equals(d.status)) {
            return;
        }
        d.leaseUntil = null;
        d.updatedAt = now;
        if (outcome.sent()) {
            d.status = Delivery.SENT;
            d.finishedAt = now;
            d.lastError = null;
            registry.counter("notify.deliveries", "channel", d.channel, "outcome", "sent").increment();
            LOG.infof("delivery %s (%s, %s) sent after %d attempt(s)", d.id, d.kind, d.channel, d.attempts);
        } else if (outcome.permanent() || d.attempts >= config.delivery().maxAttempts()) {
            d.status = Delivery.FAILED;
            d.finishedAt = now;
            d.lastError = outcome.error();
            registry.counter("notify.deliveries", "channel", d.channel, "outcome", "failed").increment();
            LOG.warnf("delivery %s (%s, %s) failed after %d attempt(s): %s", d.id, d.kind, d.channel, d.attempts,
                    outcome.error());
        } else {
            d.lastError = outcome.error();
            d.nextAttemptAt = now.plus(backoff.after(d.attempts, () -> ThreadLocalRandom.current().nextDouble()));
            registry.counter("notify.deliveries", "channel", d.channel, "outcome", "retry").increment();
        }
    }
}
