package vn.ispeed.notify.flow;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.NotificationEvent;
import vn.ispeed.events.NotificationFailed;
import vn.ispeed.events.NotificationSent;
import vn.ispeed.events.Topics;
import vn.ispeed.notify.delivery.WebhookSignature;
import vn.ispeed.notify.support.CoverageEvents;
import vn.ispeed.notify.support.Mailbox;
import vn.ispeed.notify.support.StatsStubResource;
import vn.ispeed.notify.support.TestDb;
import vn.ispeed.notify.support.Topic;
import vn.ispeed.notify.support.WebhookReceiver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The whole path over real Kafka, PostgreSQL and SMTP: coverage events in, coalesced messages out,
 * signed webhooks, retries, the delivery log and the notifications topic. Each test uses its own
 * province so their messages never mix.
 */
@QuarkusTest
@TestSecurity(user = "ministry", roles = "ministry")
class NotificationFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    static String subscribe(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions")
                .then().statusCode(201).extract().path("id");
    }

    static List<Map<String, Object>> deliveries(String subscription) {
        return given().when().get("/api/v1/deliveries?subscription=" + subscription)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The status of the subscription's only delivery, null while there is none. */
    static String status(String subscription) {
        List<Map<String, Object>> rows = deliveries(subscription);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    double duplicates() {
        return registry.counter("notify.coverage.events", "outcome", "duplicate").count();
    }

    @Test
    void coverageChangesAreCoalescedIntoOneVietnameseMailAndRedeliveryIsIgnored() {
        String to = "so.khcn@hanoi.gov.vn";
        String cc = "phong.vt@hanoi.gov.vn";
        String subscription = subscribe(Map.of("province", "01", "channel", "email", "emails", List.of(to, cc),
                "kinds", List.of("coverage-changes")));
        CoverageChanged[] burst = {
                CoverageEvents.published("01", "00070", "Phường Hoàn Kiếm", NetworkType.FIXED),
                CoverageEvents.published("01", "00004", "Phường Ba Đình", NetworkType.MOBILE),
                CoverageEvents.fellBack("01", "00025", "Phường Giảng Võ", NetworkType.FIXED, 7, 3)};
        CoverageEvents.send(burst);

        await().atMost(WAIT).until(() -> Mailbox.to(to).size() == 1);
        MimeMessage mail = Mailbox.to(to).get(0);
        assertThat(Mailbox.subject(mail)).isEqualTo("[i-Speed] Hà Nội: 3 xã/phường thay đổi trạng thái đủ mẫu");
        assertThat(Mailbox.recipients(mail)).containsExactlyInAnyOrder(to, cc);
        String text = Mailbox.part(mail, "text/plain");
        assertThat(text)
                .contains("3 xã/phường của Hà Nội đã thay đổi trạng thái đủ mẫu")
                .contains("Phường Hoàn Kiếm (00070), Băng rộng cố định")
                .contains("không đủ mẫu để thống kê → đủ mẫu, đã công bố (31 phép đo, 12 thiết bị)")
                .contains("Phường Giảng Võ (00025), Băng rộng cố định")
                .contains("còn thiếu 7 phép đo, 3 thiết bị")
                .contains("http://localhost:8083/portal");
        assertThat(Mailbox.part(mail, "text/html")).contains("<strong>Hà Nội</strong>").contains("Phường Ba Đình");
        assertThat(Mailbox.header(mail, WebhookSignature.DELIVERY_HEADER)).isNotBlank();
        await().atMost(WAIT).until(() -> "SENT".equals(status(subscription)));

        // The same three events again (a redelivery after a rebalance): stored nowhere, sent nowhere.
        double before = duplicates();
        CoverageEvents.send(burst);
        await().atMost(WAIT).until(() -> duplicates() >= before + 3);
        // A genuinely new change afterwards is the only thing in the next message.
        CoverageEvents.send(CoverageEvents.published("01", "00008", "Phường Ngọc Hà", NetworkType.FIXED));
        await().atMost(WAIT).until(() -> Mailbox.to(to).size() >= 2);
        assertThat(Mailbox.to(to)).hasSize(2);
        assertThat(Mailbox.subject(Mailbox.to(to).get(1)))
                .isEqualTo("[i-Speed] Hà Nội: 1 xã/phường thay đổi trạng thái đủ mẫu");
        assertThat(Mailbox.part(Mailbox.to(to).get(1), "text/plain"))
                .contains("Phường Ngọc Hà").doesNotContain("Phường Hoàn Kiếm");
        assertThat(deliveries(subscription)).hasSize(2);
    }

    @Test
    void webhookPostIsSignedSoTheReceiverCanVerifyIt() {
        String secret = "da-nang-shared-secret-2026";
        try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 204)) {
            String subscription = subscribe(Map.of("province", "48", "channel", "webhook",
                    "webhookUrl", receiver.url(), "webhookSecret", secret,
                    "kinds", List.of("coverage-changes"), "language", "en", "networks", List.of("MOBILE")));
            CoverageEvents.send(
                    CoverageEvents.published("48", "20194", "Phường Hải Châu", NetworkType.MOBILE),
                    CoverageEvents.published("48", "20200", "Phường Thạch Thang", NetworkType.FIXED));

            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            WebhookReceiver.Received post = receiver.received().get(0);
            String timestamp = post.header(WebhookSignature.TIMESTAMP_HEADER);
            String signature = post.header(WebhookSignature.SIGNATURE_HEADER);
            assertThat(signature).startsWith("sha256=");
            assertThat(WebhookSignature.verify(secret, timestamp, post.body(), signature,
                    Instant.now().getEpochSecond(), 300)).as("signature verifies with the shared secret").isTrue();
            assertThat(WebhookSignature.verify("another-secret-entirely", timestamp, post.body(), signature,
                    Instant.now().getEpochSecond(), 300)).as("a wrong secret does not verify").isFalse();
            assertThat(WebhookSignature.verify(secret, timestamp, post.body(), signature,
                    Instant.now().getEpochSecond() + 3600, 300)).as("an old timestamp is a replay").isFalse();

            String body = new String(post.body(), StandardCharsets.UTF_8);
            assertThat(body).contains("\"subscriptionId\":\"" + subscription + "\"")
                    .contains("\"kind\":\"coverage-changes\"")
                    .contains("Phường Hải Châu")
                    .doesNotContain("Thạch Thang"); // a FIXED change; this subscription wants MOBILE only
            assertThat(body).contains("[i-Speed] Da Nang: 1 communes changed sample sufficiency status");
            assertThat(post.header(WebhookSignature.DELIVERY_HEADER)).isEqualTo(deliveries(subscription).get(0).get("id"));
        }
    }

    @Test
    void aReceiverThatFailsTwiceGetsThreeAttemptsAndExactlyOneSuccess() {
        try (WebhookReceiver receiver = new WebhookReceiver(List.of(503, 503), 200)) {
            String subscription = subscribe(Map.of("province", "31", "channel", "webhook",
                    "webhookUrl", receiver.url(), "webhookSecret", "hai-phong-shared-secret",
                    "kinds", List.of("coverage-changes")));
            CoverageEvents.send(CoverageEvents.published("31", "11311", "Phường Hồng Bàng", NetworkType.FIXED));

            await().atMost(WAIT).until(() -> "SENT".equals(status(subscription)));
            Map<String, Object> delivery = deliveries(subscription).get(0);
            assertThat(delivery.get("attempts")).isEqualTo(3);
            assertThat(deliveries(subscription)).hasSize(1);
            List<WebhookReceiver.Received> posts = receiver.received();
            assertThat(posts).extracting(WebhookReceiver.Received::answeredWith).containsExactly(503, 503, 200);
            assertThat(posts).extracting(p -> p.header(WebhookSignature.DELIVERY_HEADER)).containsOnly((String) delivery.get("id"));

            await().atMost(WAIT).until(() -> notifications(subscription).size() == 1);
            NotificationEvent event = notifications(subscription).get(0);
            assertThat(event).isInstanceOf(NotificationSent.class);
            assertThat(((NotificationSent) event).attempts()).isEqualTo(3);
            assertThat(((NotificationSent) event).channel()).isEqualTo("webhook");
        }
    }

    @Test
    void aReceiverThatAlwaysFailsEndsFailedVisiblyAndOnTheTopic() {
        try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 500)) {
            String subscription = subscribe(Map.of("province", "92", "channel", "webhook",
                    "webhookUrl", receiver.url(), "webhookSecret", "can-tho-shared-secret-1",
                    "kinds", List.of("coverage-changes")));
            CoverageEvents.send(CoverageEvents.fellBack("92", "31117", "Phường Ninh Kiều", NetworkType.MOBILE, 4, 2));

            await().atMost(WAIT).until(() -> "FAILED".equals(status(subscription)));
            given().when().get("/api/v1/deliveries?subscription=" + subscription)
                    .then().statusCode(200)
                    .body("[0].attempts", equalTo(3))
                    .body("[0].lastError", equalTo("HTTP 500 from receiver"));
            assertThat(receiver.received()).hasSize(3);
            await().atMost(WAIT).until(() -> notifications(subscription).size() == 1);
            assertThat(notifications(subscription).get(0)).isInstanceOfSatisfying(NotificationFailed.class,
                    f -> assertThat(f.reason()).isEqualTo("HTTP 500 from receiver"));
        }
    }

    @Test
    void aSendClaimedByAnInstanceThatDiedIsRetriedOnceItsLeaseRunsOut() {
        try (WebhookReceiver receiver = new WebhookReceiver(List.of(), 200)) {
            String subscription = subscribe(Map.of("province", "46", "channel", "webhook",
                    "webhookUrl", receiver.url(), "webhookSecret", "hue-shared-secret-0001",
                    "kinds", List.of("weekly-digest")));
            UUID expired = UUID.randomUUID();
            UUID leased = UUID.randomUUID();
            insertClaimed(expired, subscription, "digest:vn-2025:46:crash-1", Instant.now().minusSeconds(1));
            insertClaimed(leased, subscription, "digest:vn-2025:46:crash-2", Instant.now().plusSeconds(3600));

            await().atMost(WAIT).until(() -> receiver.received().size() == 1);
            await().atMost(WAIT).until(() -> TestDb.count(
                    "SELECT count(*) FROM delivery WHERE id = ? AND status = 'SENT' AND attempts = 2", expired) == 1);
            assertThat(receiver.received()).extracting(p -> p.header(WebhookSignature.DELIVERY_HEADER))
                    .containsExactly(expired.toString());
            assertThat(TestDb.count("SELECT count(*) FROM delivery WHERE id = ? AND status = 'PENDING'", leased))
                    .as("a send still under another instance's lease is left alone").isEqualTo(1);
        }
    }

    private static void insertClaimed(UUID id, String subscription, String key, Instant leaseUntil) {
        TestDb.update("""
                INSERT INTO delivery (id, subscription_id, province_code, boundary_set, kind, event_key, channel, target,
                    subject, body_text, body_html, body_json, status, attempts, next_attempt_at, lease_until,
                    created_at, updated_at, published)
                VALUES (?, ?, '46', 'vn-2025', 'weekly-digest', ?, 'webhook', 'x', 's', 't', 'h', '{}', 'PENDING', 1,
                    now() - interval '1 minute', ?, now(), now(), false)""",
                id, UUID.fromString(subscription), key, java.sql.Timestamp.from(leaseUntil));
    }

    @Test
    void weeklyDigestInVietnameseAndEnglish() {
        String vi = "so.khcn@tphcm.gov.vn";
        String en = "ict.office@tphcm.gov.vn";
        subscribe(Map.of("province", "79", "channel", "email", "emails", List.of(vi), "kinds", List.of("weekly-digest")));
        subscribe(Map.of("province", "79", "channel", "email", "emails", List.of(en), "kinds", List.of("weekly-digest"),
                "language", "en", "networks", List.of("FIXED")));
        CoverageEvents.send(
                CoverageEvents.published("79", "26734", "Phường Sài Gòn", NetworkType.FIXED),
                CoverageEvents.fellBack("79", "26737", "Phường Tân Định", NetworkType.FIXED, 12, 4),
                CoverageEvents.fellBack("79", "26740", "Phường Bến Thành", NetworkType.MOBILE, 5, 1));
        await().atMost(WAIT).until(() ->
                TestDb.count("SELECT count(*) FROM coverage_event WHERE province_code = '79'") >= 3);

        given().when().post("/api/v1/digests/run?province=79")
                .then().statusCode(200)
                .body("provinces", equalTo(1))
                .body("deliveries", equalTo(2));

        await().atMost(WAIT).until(() -> Mailbox.to(vi).size() == 1 && Mailbox.to(en).size() == 1);
        MimeMessage viMail = Mailbox.to(vi).get(0);
        assertThat(Mailbox.subject(viMail)).startsWith("[i-Speed] Hồ Chí Minh: bản tin tuần ").endsWith(" về tình hình đủ mẫu");
        String text = Mailbox.part(viMail, "text/plain");
        assertThat(text)
                .contains("kỳ " + CoverageEvents.currentMonth())
                .contains("Băng rộng cố định: 167/168 xã/phường không đủ mẫu để thống kê")
                .contains("Băng rộng di động: 168/168 xã/phường không đủ mẫu để thống kê")
                .contains("Phường Tân Định (26737), Băng rộng cố định: còn thiếu 12 phép đo, 4 thiết bị")
                .contains("Phường Bến Thành (26740), Băng rộng di động: còn thiếu 5 phép đo, 1 thiết bị")
                .contains("Phường Sài Gòn (26734), Băng rộng cố định: 31 phép đo, 12 thiết bị")
                .contains("http://localhost:8083/portal");
        assertThat(Mailbox.part(viMail, "text/html")).contains("Các địa bàn chưa đủ mẫu và số mẫu còn thiếu");

        MimeMessage enMail = Mailbox.to(en).get(0);
        assertThat(Mailbox.subject(enMail)).startsWith("[i-Speed] Ho Chi Minh: weekly coverage digest ");
        assertThat(Mailbox.part(enMail, "text/plain"))
                .contains("Fixed broadband: 167 of 168 communes without enough samples")
                .contains("Phường Tân Định (26737), Fixed broadband: needs 12 more tests from 4 more devices")
                .doesNotContain("Bến Thành"); // MOBILE, not subscribed

        // The same week again: nothing new is queued.
        given().when().post("/api/v1/digests/run?province=79").then().statusCode(200).body("deliveries", equalTo(0));
    }

    @Test
    void digestTakesStatsServicesSentenceWhenItAnswers() {
        String vi = "so.khcn@khanhhoa.gov.vn";
        String en = "ict@khanhhoa.gov.vn";
        subscribe(Map.of("province", StatsStubResource.PROVINCE, "channel", "email", "emails", List.of(vi),
                "kinds", List.of("weekly-digest")));
        subscribe(Map.of("province", StatsStubResource.PROVINCE, "channel", "email", "emails", List.of(en),
                "kinds", List.of("weekly-digest"), "language", "en"));
        given().when().post("/api/v1/digests/run?province=" + StatsStubResource.PROVINCE)
                .then().statusCode(200).body("deliveries", equalTo(2));

        await().atMost(WAIT).until(() -> Mailbox.to(vi).size() == 1 && Mailbox.to(en).size() == 1);
        assertThat(Mailbox.subject(Mailbox.to(vi).get(0))).startsWith("[i-Speed] Khánh Hoà: bản tin tuần ");
        assertThat(Mailbox.part(Mailbox.to(vi).get(0), "text/plain"))
                .contains(StatsStubResource.sentence("FIXED"))
                .contains(StatsStubResource.sentence("MOBILE"));
        assertThat(Mailbox.part(Mailbox.to(en).get(0), "text/plain"))
                .contains(StatsStubResource.sentenceEn("FIXED"))
                .contains(StatsStubResource.sentenceEn("MOBILE"));
        assertThat(StatsStubResource.QUERIES).anyMatch(q -> q.startsWith("/api/v1/coverage/vn-2025?")
                && q.contains("network=fixed") && q.contains("period=" + CoverageEvents.currentMonth())
                && q.contains("province=" + StatsStubResource.PROVINCE));
    }

    @Test
    void aPoisonCoverageRecordGoesToTheDeadLetterTopic() {
        String key = "vn-2025:poison:" + UUID.randomUUID();
        CoverageEvents.sendRaw(key, "{\"type\":\"coverage.changed.v1\",\"unitCode\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> Topic.readAll(Topics.deadLetter(Topics.COVERAGE)).stream()
                .anyMatch(r -> key.equals(r.key())));
    }

    private static List<NotificationEvent> notifications(String subscription) {
        return Topic.readAll(Topics.NOTIFICATIONS).stream()
                .filter(r -> subscription.equals(r.key()))
                .map(ConsumerRecord::value)
                .map(v -> EventCodec.standard().decode(v, NotificationEvent.class))
                .toList();
    }
}
