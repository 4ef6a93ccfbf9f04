package vn.ispeed.notify.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Topics;
import vn.ispeed.testsupport.KafkaResource;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Appends CoverageChanged events to the real topic, as stats-service would. */
public final class CoverageEvents {
    private CoverageEvents() {
    }

    /** The month the service alerts on and digests now. */
    public static String currentMonth() {
        return YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
    }

    public static CoverageChanged published(String province, String unit, String name, NetworkType network) {
        return new CoverageChanged("vn-2025", unit, name, "commune", province, network, currentMonth(),
                CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, 31, 12, 0, 0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static CoverageChanged fellBack(String province, String unit, String name, NetworkType network,
                                           long needTests, long needDevices) {
        return new CoverageChanged("vn-2025", unit, name, "commune", province, network, currentMonth(),
                CoverageStatus.PUBLISHED, CoverageStatus.INSUFFICIENT, 30 - needTests, 10 - needDevices,
                needTests, needDevices, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static void send(CoverageChanged... events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (CoverageChanged e : events) {
                producer.send(new ProducerRecord<>(Topics.COVERAGE, e.key(), EventCodec.standard().encode(e))).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendRaw(String key, byte[] payload) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.COVERAGE, key, payload)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
