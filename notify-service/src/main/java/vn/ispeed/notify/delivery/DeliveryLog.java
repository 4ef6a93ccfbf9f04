package vn.ispeed.notify.delivery;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.notify.message.Message;
import vn.ispeed.notify.subscription.Subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The delivery log's SQL. Inserting is the claim: {@code ON CONFLICT (subscription_id, event_key) DO
 * NOTHING} makes the second decision to send the same thing a no-op. Claiming an attempt takes a
 * lease with {@code FOR UPDATE SKIP LOCKED}, so instances never send the same row at once and a row
 * whose sender died is taken again once its lease has run out.
 */
@ApplicationScoped
public class DeliveryLog {
    static final String INSERT = """
            INSERT INTO delivery (id, subscription_id, province_code, boundary_set, kind, event_key, channel, target,
                subject, body_text, body_html, body_json, status, attempts, next_attempt_at, created_at, updated_at, published)
            VALUES (:id, :subscription, :province, :set, :kind, :eventKey, :channel, :target,
                :subject, :text, :html, :json, 'PENDING', 0, :now, :now, :now, false)
            ON CONFLICT (subscription_id, event_key) DO NOTHING""";
    static final String DUE = """
            SELECT * FROM delivery
            WHERE status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)
            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""";
    static final String UNPUBLISHED = """
            SELECT * FROM delivery WHERE NOT published AND status <> 'PENDING'
            ORDER BY finished_at LIMIT :limit FOR UPDATE SKIP LOCKED""";

    /** Must run inside a transaction; true when the row is new (false: already sent or claimed). */
    public Uni<Boolean> insert(UUID id, Subscription s, String kind, String eventKey, Message m, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("id", id)
                .setParameter("subscription", s.id)
                .setParameter("province", s.provinceCode)
                .setParameter("set", s.boundarySet)
                .setParameter("kind", kind)
                .setParameter("eventKey", eventKey)
                .setParameter("channel", s.channel)
                .setParameter("target", s.target())
                .setParameter("subject", m.subject())
                .setParameter("text", m.text())
                .setParameter("html", m.html())
                .setParameter("json", m.json())
                .setParameter("now", now)
                .executeUpdate()
                .map(rows -> rows > 0));
    }

    public Uni<List<Delivery>> lockDue(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DUE, Delivery.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<List<Delivery>> lockUnpublished(int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery(UNPUBLISHED, Delivery.class)
                .setParameter("limit", limit)
                .getResultList());
    }

    public Uni<List<Delivery>> ofSubscription(UUID subscription) {
        return Delivery.<Delivery>list("subscriptionId = ?1 order by createdAt desc", subscription);
    }

    public Uni<List<Delivery>> ofProvince(String province, int limit) {
        return Delivery.<Delivery>find("provinceCode = ?1 order by createdAt desc", province).page(0, limit).list();
    }

    public Uni<List<Delivery>> latest(int limit) {
        return Delivery.<Delivery>find("order by createdAt desc").page(0, limit).list();
    }
}
