package vn.ispeed.notify.subscription;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import vn.ispeed.events.NetworkType;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A department's wish to be told about its province. Lists are stored comma-joined: each element
 * is validated (no commas in an accepted address, kind or network).
 */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {
    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";
    public static final String COVERAGE_CHANGES = "coverage-changes";
    public static final String WEEKLY_DIGEST = "weekly-digest";

    @Id
    public UUID id;
    @Column(name = "province_code", nullable = false)
    public String provinceCode;
    @Column(name = "boundary_set", nullable = false)
    public String boundarySet;
    @Column(nullable = false)
    public String channel;
    public String emails;
    @Column(name = "webhook_url")
    public String webhookUrl;
    @Column(name = "webhook_secret")
    public String webhookSecret;
    @Column(nullable = false)
    public String kinds;
    @Column(nullable = false)
    public String networks;
    @Column(nullable = false)
    public String language;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> emailList() {
        return split(emails);
    }

    public List<String> kindList() {
        return split(kinds);
    }

    public List<NetworkType> networkList() {
        return split(networks).stream().map(NetworkType::valueOf).toList();
    }

    public boolean wants(String kind) {
        return kindList().contains(kind);
    }

    /** What a message is sent to, for the delivery log (never the secret). */
    public String target() {
        return EMAIL.equals(channel) ? emails : webhookUrl;
    }

    static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.stream(joined.split(",")).map(String::trim).toList();
    }
}
