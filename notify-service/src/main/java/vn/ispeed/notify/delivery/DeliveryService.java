package vn.ispeed.notify.delivery;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.notify.api.ProblemException;
import vn.ispeed.notify.security.Caller;
import vn.ispeed.notify.subscription.SubscriptionService;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What was sent and what failed, for the provinces the caller may see. */
@ApplicationScoped
public class DeliveryService {
    static final int LIMIT = 200;
    private final DeliveryLog log;
    private final SubscriptionService subscriptions;

    public DeliveryService(DeliveryLog log, SubscriptionService subscriptions) {
        this.log = log;
        this.subscriptions = subscriptions;
    }

    @WithSession
    public Uni<List<DeliveryView>> list(Caller caller, Optional<UUID> subscription, Optional<String> province) {
        if (subscription.isPresent()) {
            return subscriptions.owned(caller, subscription.get())
                    .chain(s -> log.ofSubscription(s.id))
                    .map(DeliveryService::views);
        }
        Optional<String> scope = province.or(() -> caller.isNational() ? Optional.empty() : caller.province());
        if (scope.isPresent()) {
            caller.requireAccess(scope.get());
            return log.ofProvince(scope.get(), LIMIT).map(DeliveryService::views);
        }
        if (!caller.isNational()) {
            throw ProblemException.forbidden("your token names no province");
        }
        return log.latest(LIMIT).map(DeliveryService::views);
    }

    private static List<DeliveryView> views(List<Delivery> rows) {
        return rows.stream().map(DeliveryView::of).toList();
    }
}
