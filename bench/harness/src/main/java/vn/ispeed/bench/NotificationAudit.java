package vn.ispeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.CoverageEvent;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.Topics;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Every coverage change notified once", reconciled link by link for the changes of one run:
 * <ol>
 *   <li>stats' outbox rows (one per status change, written with the state) against the records on
 *       topic {@code coverage} (at-least-once on the wire: distinct {@code event-id} headers must equal
 *       the outbox, extra copies are counted);</li>
 *   <li>notify's stored events ({@code coverage_event}, one per event key) against the outbox;</li>
 *   <li>for the email subscriptions this audit creates (one per vn-2025 province, coverage changes,
 *       both networks): every change the alert rule selects is put in exactly one batch, every batch
 *       gets at most one delivery per subscription, every delivery ends SENT, and the SMTP server
 *       holds exactly one mail per delivery (by its {@code X-Ispeed-Delivery} header).</li>
 * </ol>
 * The subscriptions are deleted at the end. Needs the local stack's Keycloak (user {@code ministry})
 * and GreenMail's API.
 */
public final class NotificationAudit {
    public record Options(String statsJdbc, String notifyJdbc, String user, String password, String bootstrap,
                          String notifyUrl, String tokenUrl, String mailApi) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCodec CODEC = EventCodec.standard();
    private static final Pattern DELIVERY_HEADER = Pattern.compile("^X-Ispeed-Delivery: ?(\\S+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

    private final Options o;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> subscriptionByProvince = new TreeMap<>();
    private long outboxSeq;
    private long storedId;
    private Map<Integer, Long> topicStart;

    public NotificationAudit(Options o) {
        this.o = o;
    }

    /**
     * Waits until the changes decided before the run (a warm-up's) have been relayed, stored and batched, then takes
     * the watermarks and creates one email subscription per province; call before the load. Without the wait, an alert
     * whose coalescing window was still open went to the new subscriptions in a batch of no change of the run.
     */
    public void before(Collection<String> provinces, Consumer<String> log) throws Exception {
        quiesce(log);
        outboxSeq = scalar(o.statsJdbc(), "SELECT coalesce(max(seq), 0) FROM outbox");
        storedId = scalar(o.notifyJdbc(), "SELECT coalesce(max(id), 0) FROM coverage_event");
        topicStart = LocatedScan.endOffsets(o.bootstrap(), Topics.COVERAGE);
        String token = token("ministry");
        for (String province : new java.util.TreeSet<>(provinces)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("province", province);
            body.put("channel", "email");
            body.put("emails", List.of(address(province)));
            body.put("kinds", List.of("coverage-changes"));
            body.put("language", "vi");
            body.put("networks", List.of("FIXED", "MOBILE"));
            body.put("boundarySet", "vn-2025");
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(o.notifyUrl() + "/api/v1/subscriptions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 201 && res.statusCode() != 200) {
                throw new IllegalStateException("cannot subscribe province " + province + ": " + res.statusCode() + " " + res.body());
            }
            subscriptionByProvince.put(province, JSON.readTree(res.body()).get("id").asText());
        }
    }

    private void quiesce(Consumer<String> log) throws Exception {
        long deadline = System.nanoTime() + QUIESCE_SECONDS * 1_000_000_000L;
        try (Connection stats = DriverManager.getConnection(o.statsJdbc(), o.user(), o.password());
             Connection notify = DriverManager.getConnection(o.notifyJdbc(), o.user(), o.password())) {
            while (true) {
                long unsent = count(stats, "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
                long pendingAlerts = count(notify, "SELECT count(*) FROM coverage_event WHERE alert_pending");
                if (unsent == 0 && pendingAlerts == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format("notifications did not settle before the run in %d s:"
                            + " %d outbox rows unsent, %d alerts waiting for their window", QUIESCE_SECONDS, unsent, pendingAlerts));
                }
                log.accept(String.format("notification audit: waiting for the changes before the run (%d unsent, %d alerts"
                        + " waiting for their window)", unsent, pendingAlerts));
                Thread.sleep(5000);
            }
        }
    }

    private static final int QUIESCE_SECONDS = 300;

    private String address(String province) {
        return "audit-" + run + "-" + province + "@bench.local";
    }

    /**
     * Waits until the changes of the run have gone through every link (or the deadline), then
     * reconciles; deletes the audit's subscriptions.
     */
    public Map<String, Object> after(long deadlineNanos, Consumer<String> log) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (Connection stats = DriverManager.getConnection(o.statsJdbc(), o.user(), o.password());
             Connection notify = DriverManager.getConnection(o.notifyJdbc(), o.user(), o.password())) {
            String subs = "'" + String.join("','", subscriptionByProvince.values()) + "'";
            String waiting = "";
            long lastLog = 0;
            while (System.nanoTime() < deadlineNanos) {
                if (!stats.isValid(5) || !notify.isValid(5)) {
                    throw new IllegalStateException("lost the database connection while waiting for notifications");
                }
                long unsent = count(stats, "SELECT count(*) FROM outbox WHERE seq > ? AND sent_at IS NULL", outboxSeq);
                long written = count(stats, "SELECT count(*) FROM outbox WHERE seq > ?", outboxSeq);
                long stored = count(notify, "SELECT count(*) FROM coverage_event WHERE id > ?", storedId);
                long pendingAlerts = count(notify, "SELECT count(*) FROM coverage_event WHERE id > ? AND alert_pending", storedId);
                long pendingDeliveries = count(notify, "SELECT count(*) FROM delivery WHERE status = 'PENDING'"
                        + " AND subscription_id::text IN (" + subs + ")");
                waiting = String.format("outbox %d written, %d unsent; notify stored %d, %d alerts waiting for their"
                        + " window, %d deliveries pending", written, unsent, stored, pendingAlerts, pendingDeliveries);
                if (unsent == 0 && stored >= written && pendingAlerts == 0 && pendingDeliveries == 0) {
                    break;
                }
                if (System.nanoTime() - lastLog > 10_000_000_000L) {
                    log.accept("notifications: " + waiting);
                    lastLog = System.nanoTime();
                }
                Thread.sleep(1000);
            }
            log.accept("notifications settled: " + waiting);

            // 1. the changes stats decided, and what reached the topic
            Map<String, String> outbox = new HashMap<>(); // outbox id -> notify's event key
            try (PreparedStatement ps = stats.prepareStatement("SELECT id, payload FROM outbox WHERE seq > ?")) {
                ps.setLong(1, outboxSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        outbox.put(rs.getString(1), eventKey(CODEC.decode(rs.getBytes(2), CoverageEvent.class)));
                    }
                }
            }
            Map<String, Integer> onTopic = readTopic();
            long copies = onTopic.values().stream().mapToLong(Integer::longValue).sum();
            Set<String> missingOnTopic = minus(outbox.keySet(), onTopic.keySet());
            Set<String> unknownOnTopic = minus(onTopic.keySet(), outbox.keySet());

            // 2. what notify stored, once per event key
            Set<String> stored = new HashSet<>();
            try (PreparedStatement ps = notify.prepareStatement("SELECT event_key FROM coverage_event WHERE id > ?")) {
                ps.setLong(1, storedId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
            Set<String> expectedKeys = new HashSet<>(outbox.values());
            Set<String> notStored = minus(expectedKeys, stored);
            Set<String> storedNotDecided = minus(stored, expectedKeys);

            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("decidedByStats", outbox.size());
            changes.put("distinctOnTopic", onTopic.size());
            changes.put("extraCopiesOnTopic", copies - onTopic.size());
            changes.put("missingOnTopic", missingOnTopic.size());
            changes.put("unknownOnTopic", unknownOnTopic.size());
            changes.put("storedByNotify", stored.size());
            changes.put("decidedButNotStored", notStored.size());
            changes.put("storedButNotDecided", storedNotDecided.size());
            out.put("coverageChanges", changes);

            // 3. alerts of the audit's provinces: batched once, delivered once, mailed once
            String provinces = "'" + String.join("','", subscriptionByProvince.keySet()) + "'";
            long alerting = count(notify, "SELECT count(*) FROM coverage_event WHERE id > ? AND boundary_set = 'vn-2025'"
                    + " AND province_code IN (" + provinces + ") AND (alert_pending OR batch_key IS NOT NULL)", storedId);
            long unbatched = count(notify, "SELECT count(*) FROM coverage_event WHERE id > ? AND boundary_set = 'vn-2025'"
                    + " AND province_code IN (" + provinces + ") AND alert_pending", storedId);
            long batches = count(notify, "SELECT count(DISTINCT batch_key) FROM coverage_event WHERE id > ?"
                    + " AND boundary_set = 'vn-2025' AND province_code IN (" + provinces + ") AND batch_key IS NOT NULL", storedId);
            Map<String, String> deliveryStatus = new HashMap<>();
            long deliveriesOutsideBatches = 0;
            try (PreparedStatement ps = notify.prepareStatement("SELECT d.id, d.status, EXISTS (SELECT 1 FROM coverage_event e"
                    + " WHERE e.batch_key = d.event_key AND e.id > ?) FROM delivery d WHERE d.subscription_id::text IN (" + subs + ")")) {
                ps.setLong(1, storedId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deliveryStatus.put(rs.getString(1), rs.getString(2));
                        if (!rs.getBoolean(3)) {
                            deliveriesOutsideBatches++;
                        }
                    }
                }
            }
            Map<String, Long> byStatus = new TreeMap<>();
            deliveryStatus.values().forEach(s -> byStatus.merge(s, 1L, Long::sum));
            Map<String, Integer> mails = mails();
            long mailCount = mails.values().stream().mapToLong(Integer::longValue).sum();
            Set<String> sent = new HashSet<>();
            deliveryStatus.forEach((id, s) -> {
                if ("SENT".equals(s)) {
                    sent.add(id);
                }
            });
            Set<String> sentNotMailed = minus(sent, mails.keySet());
            Set<String> mailedNotSent = minus(mails.keySet(), sent);

            Map<String, Object> alerts = new LinkedHashMap<>();
            alerts.put("subscriptions", subscriptionByProvince.size());
            alerts.put("alertingChanges", alerting);
            alerts.put("notYetBatched", unbatched);
            alerts.put("batches", batches);
            alerts.put("deliveries", deliveryStatus.size());
            alerts.put("deliveriesByStatus", byStatus);
            alerts.put("deliveriesOutsideBatches", deliveriesOutsideBatches);
            alerts.put("mails", mailCount);
            alerts.put("duplicateMails", mailCount - mails.size());
            alerts.put("sentButNoMail", sentNotMailed.size());
            alerts.put("mailWithoutSentDelivery", mailedNotSent.size());
            out.put("alerts", alerts);

            boolean once = missingOnTopic.isEmpty() && unknownOnTopic.isEmpty() && notStored.isEmpty()
                    && storedNotDecided.isEmpty() && unbatched == 0 && deliveriesOutsideBatches == 0
                    && deliveryStatus.size() <= batches && sent.size() == deliveryStatus.size()
                    && sentNotMailed.isEmpty() && mailedNotSent.isEmpty() && mailCount == mails.size();
            out.put("everyChangeNotifiedOnce", once);
        } finally {
            deleteSubscriptions();
        }
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    static String eventKey(CoverageEvent event) {
        return ((CoverageChanged) event).changeKey(); // the key notify stores each change under
    }

    /** Records of topic coverage since the start offsets: copies per event-id header. */
    private Map<String, Integer> readTopic() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Integer> copies = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p)) {
            Map<Integer, Long> end = LocatedScan.endOffsets(o.bootstrap(), Topics.COVERAGE);
            List<TopicPartition> parts = new ArrayList<>();
            end.keySet().forEach(i -> parts.add(new TopicPartition(Topics.COVERAGE, i)));
            c.assign(parts);
            for (TopicPartition tp : parts) {
                c.seek(tp, topicStart.getOrDefault(tp.partition(), 0L));
            }
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp.partition()))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    Header h = r.headers().lastHeader("event-id");
                    String id = h == null ? "no-header@" + r.partition() + ":" + r.offset() : new String(h.value(), StandardCharsets.UTF_8);
                    copies.merge(id, 1, Integer::sum);
                }
            }
        }
        return copies;
    }

    /** Mails the SMTP server holds for the audit's addresses: copies per delivery id. */
    private Map<String, Integer> mails() throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        for (String province : subscriptionByProvince.keySet()) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(o.mailApi() + "/api/user/"
                    + URLEncoder.encode(address(province), StandardCharsets.UTF_8) + "/messages/INBOX")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 404 || res.statusCode() == 400 && res.body().contains("not found")) {
                continue; // GreenMail knows an address once a mail reached it: none did
            }
            if (res.statusCode() != 200) {
                throw new IllegalStateException("mail API answered " + res.statusCode() + " for " + address(province));
            }
            for (JsonNode m : JSON.readTree(res.body())) {
                Matcher id = DELIVERY_HEADER.matcher(m.path("mimeMessage").asText(""));
                copies.merge(id.find() ? id.group(1) : "no-header-" + copies.size(), 1, Integer::sum);
            }
        }
        return copies;
    }

    private void deleteSubscriptions() {
        try {
            String token = token("ministry");
            for (String id : subscriptionByProvince.values()) {
                http.send(HttpRequest.newBuilder(URI.create(o.notifyUrl() + "/api/v1/subscriptions/" + id))
                        .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
        } catch (Exception e) {
            System.err.println("could not delete the audit's subscriptions: " + e);
        }
    }

    private String token(String user) throws Exception {
        String form = "grant_type=password&client_id=ispeed-services&client_secret=ispeed-services-secret&username="
                + user + "&password=" + user;
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(o.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("no token for " + user + " from " + o.tokenUrl() + ": " + res.statusCode());
        }
        return JSON.readTree(res.body()).get("access_token").asText();
    }

    private long scalar(String jdbc, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbc, o.user(), o.password())) {
            return count(c, sql);
        }
    }

    private static long count(Connection c, String sql, long... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setLong(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
