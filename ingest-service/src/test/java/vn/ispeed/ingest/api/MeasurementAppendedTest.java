package vn.ispeed.ingest.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.LocationSource;
import vn.ispeed.events.MeasurementEvent;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Platform;
import vn.ispeed.events.Technology;
import vn.ispeed.events.Topics;
import vn.ispeed.ingest.device.DeviceHasher;
import vn.ispeed.ingest.device.DeviceHasherProducer;
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
import static vn.ispeed.ingest.api.Samples.json;
import static vn.ispeed.ingest.api.Samples.measurement;

/** Across the real broker: what a 202 appended, and that the raw install id is nowhere in the log. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class MeasurementAppendedTest {

    @Test
    void anAcceptedTestIsAppendedWithAHashedDeviceAndEveryField() {
        String installId = "raw-install-" + UUID.randomUUID();
        ObjectNode m = measurement(installId);
        ((ObjectNode) m.get("network")).put("operator", "FPT Telecom").put("type", "FIXED").put("technology", "WIFI");
        ObjectNode unknownOperator = measurement(installId);
        ((ObjectNode) unknownOperator.get("network")).put("operator", "Nhà mạng Lạ");
        unknownOperator.remove("location");
        unknownOperator.remove("jitterMs");
        String testId = m.get("testId").asText();
        String acceptedAt = given().contentType("application/json").body(json(m))
                .when().post("/api/v1/measurements").then().statusCode(202).extract().path("acceptedAt");
        given().contentType("application/json").body(json(Samples.batch(unknownOperator)))
                .when().post("/api/v1/measurements/batch").then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> records = readAll();
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> testId.equals(r.key())).findFirst().orElseThrow();
        MeasurementSubmitted event = (MeasurementSubmitted) EventCodec.standard().decode(record.value(), MeasurementEvent.class);

        assertThat(event.testId()).isEqualTo(UUID.fromString(testId));
        assertThat(event.deviceId())
                .isEqualTo(new DeviceHasher(DeviceHasherProducer.DEVELOPMENT_SECRET).deviceId(installId))
                .matches("[0-9a-f]{64}");
        assertThat(event.measuredAt()).isEqualTo(Instant.parse(m.get("measuredAt").asText()));
        assertThat(event.acceptedAt()).isEqualTo(Instant.parse(acceptedAt));
        assertThat(event.network().type()).isEqualTo(NetworkType.FIXED);
        assertThat(event.network().technology()).isEqualTo(Technology.WIFI);
        assertThat(event.network().operator()).isEqualTo("fpt");
        assertThat(event.network().operatorRaw()).isEqualTo("FPT Telecom");
        assertThat(event.network().operatorKnown()).isTrue();
        assertThat(event.metrics().downloadKbps()).isEqualTo(48250.5);
        assertThat(event.metrics().uploadKbps()).isEqualTo(12100.0);
        assertThat(event.metrics().latencyMs()).isEqualTo(23.0);
        assertThat(event.metrics().jitterMs()).isEqualTo(4.5);
        assertThat(event.metrics().packetLossPct()).isEqualTo(0.2);
        assertThat(event.location().lat()).isEqualTo(21.0288);
        assertThat(event.location().lon()).isEqualTo(105.8525);
        assertThat(event.location().accuracyM()).isEqualTo(12.5);
        assertThat(event.location().source()).isEqualTo(LocationSource.GPS);
        assertThat(event.app().platform()).isEqualTo(Platform.ANDROID);
        assertThat(event.app().version()).isEqualTo("3.2.1");

        String otherId = unknownOperator.get("testId").asText();
        MeasurementSubmitted other = (MeasurementSubmitted) EventCodec.standard().decode(records.stream()
                .filter(r -> otherId.equals(r.key())).findFirst().orElseThrow().value());
        assertThat(other.network().operator()).isEqualTo("Nhà mạng Lạ");
        assertThat(other.network().operatorKnown()).isFalse();
        assertThat(other.location()).isNull();
        assertThat(other.metrics().jitterMs()).isNull();
        assertThat(other.deviceId()).isEqualTo(event.deviceId());

        byte[] raw = installId.getBytes(StandardCharsets.UTF_8);
        assertThat(records).allSatisfy(r -> {
            assertThat(indexOf(r.value(), raw)).as("raw install id in the value at offset %d", r.offset()).isEqualTo(-1);
            assertThat(r.key()).doesNotContain(installId);
            r.headers().forEach(h -> assertThat(indexOf(h.value(), raw)).isEqualTo(-1));
        });
    }

    private static List<ConsumerRecord<String, byte[]>> readAll() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MEASUREMENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading the topic took over 30 s").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return -1;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
