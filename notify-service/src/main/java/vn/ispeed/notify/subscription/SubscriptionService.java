package vn.ispeed.notify.subscription;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.notify.api.ProblemException;
import vn.ispeed.notify.security.Caller;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscription rules: validation, the SSRF check and who may touch which province. */
@ApplicationScoped
public class SubscriptionService {
    private final SubscriptionRepository repository;
    private final SubscriptionValidator validator;
    private final WebhookTargetPolicy targets;

    public SubscriptionService(SubscriptionRepository repository, SubscriptionValidator validator,
                               WebhookTargetPolicy targets) {
        this.repository = repository;
        this.validator = validator;
        this.targets = targets;
    }

    @WithSession
    public Uni<List<SubscriptionView>> list(Caller caller, Optional<String> province) {
        Optional<String> scope = province.isPresent() ? province
                : caller.isNational() ? Optional.empty() : caller.province();
        if (scope.isPresent()) {
            caller.requireAccess(scope.get());
            return repository.ofProvince(scope.get()).map(SubscriptionService::views);
        }
        if (!caller.isNational()) {
            throw ProblemException.forbidden("your token names no province");
        }
        return repository.all().map(SubscriptionService::views);
    }

    @WithSession
    public Uni<SubscriptionView> get(Caller caller, UUID id) {
        return owned(caller, id).map(SubscriptionView::of);
    }

    @WithTransaction
    public Uni<SubscriptionView> create(Caller caller, SubscriptionRequest request) {
        SubscriptionValidator.Valid valid = validated(request, true);
        caller.requireAccess(valid.province());
        return safeTarget(valid).chain(() -> {
            Subscription s = new Subscription();
            s.id = UUID.randomUUID();
            s.createdAt = Instant.now();
            s.createdBy = caller.name();
            apply(s, valid);
            return repository.persist(s).map(SubscriptionView::of);
        });
    }

    @WithTransaction
    public Uni<SubscriptionView> update(Caller caller, UUID id, SubscriptionRequest request) {
        SubscriptionValidator.Valid valid = validated(request, false);
        return owned(caller, id).chain(s -> {
            caller.requireAccess(valid.province());
            if (Subscription.WEBHOOK.equals(valid.channel()) && valid.webhookSecret() == null
                    && (s.webhookSecret == null || !Subscription.WEBHOOK.equals(s.channel))) {
                throw ProblemException.validation("webhookSecret", "required for a webhook");
            }
            return safeTarget(valid).map(ignored -> {
                apply(s, valid);
                return SubscriptionView.of(s);
            });
        });
    }

    @WithTransaction
    public Uni<Void> delete(Caller caller, UUID id) {
        return owned(caller, id).chain(repository::delete);
    }

    /** The subscription if it exists and the caller may see its province (404 before 403 would leak less, but a department may know ids of its own). */
    public Uni<Subscription> owned(Caller caller, UUID id) {
        return repository.findById(id).map(s -> {
            if (s == null) {
                throw ProblemException.notFound("no subscription " + id);
            }
            caller.requireAccess(s.provinceCode);
            return s;
        });
    }

    private SubscriptionValidator.Valid validated(SubscriptionRequest request, boolean creating) {
        SubscriptionValidator.Result result = validator.validate(request, creating);
        if (!result.ok()) {
            throw ProblemException.validation(result.errors());
        }
        return result.valid();
    }

    private Uni<Void> safeTarget(SubscriptionValidator.Valid valid) {
        if (valid.webhookUrl() == null) {
            return Uni.createFrom().voidItem();
        }
        return targets.check(valid.webhookUrl()).map(problem -> {
            problem.ifPresent(p -> {
                throw ProblemException.validation("webhookUrl", p);
            });
            return null;
        });
    }

    private static void apply(Subscription s, SubscriptionValidator.Valid v) {
        s.provinceCode = v.province();
        s.boundarySet = v.boundarySet();
        s.channel = v.channel();
        s.emails = Subscription.EMAIL.equals(v.channel()) ? String.join(",", v.emails()) : null;
        if (Subscription.WEBHOOK.equals(v.channel())) {
            s.webhookUrl = v.webhookUrl().toString();
            if (v.webhookSecret() != null) {
                s.webhookSecret = v.webhookSecret();
            }
        } else {
            s.webhookUrl = null;
            s.webhookSecret = null;
        }
        s.kinds = String.join(",", v.kinds());
        s.networks = String.join(",", v.networks());
        s.language = v.language();
        s.updatedAt = Instant.now();
    }

    private static List<SubscriptionView> views(List<Subscription> subs) {
        return subs.stream().map(SubscriptionView::of).toList();
    }
}
