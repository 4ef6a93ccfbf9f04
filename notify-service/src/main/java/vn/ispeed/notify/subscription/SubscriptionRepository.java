package vn.ispeed.notify.subscription;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    public Uni<List<Subscription>> ofProvince(String province) {
        return list("provinceCode", Sort.by("createdAt"), province);
    }

    public Uni<List<Subscription>> all() {
        return listAll(Sort.by("provinceCode").and("createdAt"));
    }

    /** Subscriptions of a province and set that want the given kind. */
    public Uni<List<Subscription>> wanting(String boundarySet, String province, String kind) {
        return list("boundarySet = ?1 and provinceCode = ?2", Sort.by("createdAt"), boundarySet, province)
                .map(subs -> subs.stream().filter(s -> s.wants(kind)).toList());
    }

    public Uni<List<Subscription>> wantingAnywhere(String kind) {
        return listAll(Sort.by("provinceCode")).map(subs -> subs.stream().filter(s -> s.wants(kind)).toList());
    }
}
