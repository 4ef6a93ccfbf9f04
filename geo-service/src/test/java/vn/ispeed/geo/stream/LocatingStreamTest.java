package vn.ispeed.geo.stream;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.App;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.IspeedEvent;
import vn.ispeed.events.Location;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.LocationSource;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.MeasurementUnlocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Platform;
import vn.ispeed.events.Technology;
import vn.ispeed.events.Topics;
import vn.ispeed.events.UnlocatedReason;
import vn.ispeed.events.UnresolvedReason;
import vn.ispeed.testsupport.KafkaResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Through the real broker: measurements -> measurements-located (both sets), the DLQ and a replay. */
@QuarkusTest
class LocatingStreamTest {
    private static final EventCodec CODEC = EventCodec.standard();
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    static MeasurementSubmitted measurement(UUID testId, Location location) {
        Instant at = Instant.parse("2026-11-20T08:00:00Z");
        return new MeasurementSubmitted(testId, "device-" + testId, at, at.plusSeconds(3),
                new Network(NetworkType.MOBILE, Technology.G4, "viettel", "452-04", true),
                new Metrics(42000, 11000, 28, 3.5, 0.1), location, new App(Platform.ANDROID, "3.2.1"));
    }

    static void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.MEASUREMENTS, key, value)).get();
    }

    /** Every committed record of a topic, from offset 0 to the current end. */
    static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    static List<ConsumerRecord<String, byte[]>> locatedFor(UUID testId) {
        return readAll(Topics.MEASUREMENTS_LOCATED).stream()
                .filter(r -> ((LocationEvent) CODEC.decode(r.value())).testId().equals(testId)).toList();
    }

    @Test
    void aSubmittedTestIsLocatedInEverySetKeyedByUnit() throws Exception {
        UUID testId = UUID.randomUUID();
        send(testId.toString(), CODEC.encode(measurement(testId, new Location(21.0288, 105.8525, 12, LocationSource.GPS))));

        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(60))
                .until(() -> locatedFor(testId), r -> r.size() >= 2);

        assertThat(records).hasSize(2);
        for (ConsumerRecord<String, byte[]> r : records) {
            MeasurementLocated e = (MeasurementLocated) CODEC.decode(r.value());
            assertThat(r.key()).isEqualTo(e.unit().code());
            assertThat(e.metrics().downloadKbps()).isEqualTo(42000);
            assertThat(e.deviceId()).isEqualTo("device-" + testId);
            if (e.boundarySet().equals("vn-2025")) {
                assertThat(e.path()).extracting(u -> u.code()).containsExactly("01", "00070");
            } else {
                assertThat(e.boundarySet()).isEqualTo("vn-2024");
                assertThat(e.path()).extracting(u -> u.code()).containsExactly("01", "002");
                // Phường Hoàn Kiếm (2025) holds thirteen 2024 communes of the district: no commune, the candidates
                assertThat(e.mappedFrom()).isEqualTo("vn-2025:00070");
                assertThat(e.unresolved()).isEqualTo(UnresolvedReason.AMBIGUOUS_2024_COMMUNE);
                assertThat(e.candidates()).hasSize(13).contains("00070");
            }
        }
    }

    @Test
    void aTestInAWardThatIsOne2024CommuneReachesThatCommuneInVn2024() throws Exception {
        UUID testId = UUID.randomUUID();
        // Xã Ngọc Long, Hà Giang: the 2025 ward 00859 is the whole 2024 commune 00859 (MappedCommunesTest)
        send(testId.toString(), CODEC.encode(measurement(testId, new Location(22.9900, 105.3323, 15, LocationSource.GPS))));
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(60))
                .until(() -> locatedFor(testId), r -> r.size() >= 2);
        MeasurementLocated old = records.stream().map(r -> (MeasurementLocated) CODEC.decode(r.value()))
                .filter(e -> e.boundarySet().equals("vn-2024")).findFirst().orElseThrow();
        assertThat(old.path()).extracting(u -> u.code()).containsExactly("02", "028", "00859");
        assertThat(old.mappedFrom()).isEqualTo("vn-2025:00859");
        assertThat(old.unresolved()).isNull();
        assertThat(records).filteredOn(r -> r.key().equals("00859")).hasSize(2); // keyed by the finest unit in both sets
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionGoesOn() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        UUID next = UUID.randomUUID();
        // same key, so the same partition: the valid record sits behind the poison one
        send(key, "{\"type\":\"measurement.submitted.v1\",\"testId\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8));
        send(key, CODEC.encode(measurement(next, null)));

        List<ConsumerRecord<String, byte[]>> dead = await().atMost(Duration.ofSeconds(60)).until(
                () -> readAll(Topics.deadLetter(Topics.MEASUREMENTS)).stream().filter(r -> key.equals(r.key())).toList(),
                r -> !r.isEmpty());
        String reason = new String(dead.get(0).headers().lastHeader(LocatingLoop.DLQ_REASON).value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("testId");

        List<ConsumerRecord<String, byte[]>> after = await().atMost(Duration.ofSeconds(60))
                .until(() -> locatedFor(next), r -> r.size() >= 2);
        assertThat(after).allSatisfy(r -> {
            IspeedEvent e = CODEC.decode(r.value());
            assertThat(e).isInstanceOf(MeasurementUnlocated.class);
            assertThat(((MeasurementUnlocated) e).reason()).isEqualTo(UnlocatedReason.NO_LOCATION);
            assertThat(r.key()).isEqualTo(((MeasurementUnlocated) e).boundarySet() + ":NO_LOCATION");
        });
    }

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void relocatingReplaysTheWholeLogThroughOneSet() throws Exception {
        UUID testId = UUID.randomUUID();
        send(testId.toString(), CODEC.encode(measurement(testId, new Location(10.7725, 106.6980, 8, LocationSource.GPS))));
        await().atMost(Duration.ofSeconds(60)).until(() -> locatedFor(testId), r -> r.size() >= 2);

        String jobId = given().when().post("/api/v1/ops/relocate?set=vn-2024")
                .then().statusCode(202).extract().path("jobId");
        await().atMost(Duration.ofSeconds(60)).until(() -> given().when().get("/api/v1/ops/relocate/" + jobId)
                .then().statusCode(200).extract().path("status"), s -> !"RUNNING".equals(s));
        String locatedSince = given().when().get("/api/v1/ops/relocate/" + jobId).then()
                .body("status", org.hamcrest.Matchers.equalTo("DONE"))
                .body("progress", org.hamcrest.Matchers.equalTo(1.0f)).extract().path("locatedSince");

        List<LocationEvent> events = locatedFor(testId).stream().map(r -> (LocationEvent) CODEC.decode(r.value())).toList();
        assertThat(events.stream().filter(e -> e.boundarySet().equals("vn-2024")).count())
                .as("vn-2024 facts for the test: live + replay").isEqualTo(2);
        assertThat(events.stream().filter(e -> e.boundarySet().equals("vn-2025")).count())
                .as("vn-2025 facts: the replay was for vn-2024 only").isEqualTo(1);
        assertThat(events).filteredOn(e -> e.boundarySet().equals("vn-2024"))
                .allSatisfy(e -> assertThat(((MeasurementLocated) e).unit().code()).isEqualTo("760"));
        // the replayed event is located after the job's locatedSince (what stats' rebuild is told), the live one before
        assertThat(events).filteredOn(e -> e.boundarySet().equals("vn-2024"))
                .extracting(e -> ((MeasurementLocated) e).locatedAt().isBefore(Instant.parse(locatedSince)))
                .containsExactlyInAnyOrder(true, false);
    }
}
