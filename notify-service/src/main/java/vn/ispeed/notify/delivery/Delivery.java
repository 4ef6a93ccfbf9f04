package vn.ispeed.notify.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to one subscription, unique by (subscription, event key). The row is inserted PENDING in
 * the transaction that decides to send, so a second decision for the same key inserts nothing; it then
 * moves to SENT or FAILED. {@code published} is the outbox flag for the notifications topic.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;
    @Column(name = "subscription_id")
    public UUID subscriptionId;
    @Column(name = "province_code")
    public String provinceCode;
    @Column(name = "boundary_set")
    public String boundarySet;
    public String kind;
    @Column(name = "event_key")
    public String eventKey;
    public String channel;
    public String target;
    public String subject;
    @Column(name = "body_text")
    public String bodyText;
    @Column(name = "body_html")
    public String bodyHtml;
    @Column(name = "body_json")
    public String bodyJson;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public boolean published;
}
