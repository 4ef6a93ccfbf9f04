package vn.ispeed.stats.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.Topics;
import vn.ispeed.events.UnitRef;
import vn.ispeed.testsupport.KafkaResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Builds located events on real units and produces them to measurements-located. */
public final class Events {
    private static KafkaProducer<String, byte[]> producer;

    private Events() {
    }

    public static MeasurementLocated hanoi(String commune, String communeName, NetworkType network, String operator,
            String device, Instant at, double downloadKbps) {
        return located("01", "Hà Nội", commune, communeName, network, operator, device, at, downloadKbps);
    }

    public static MeasurementLocated located(String province, String provinceName, String commune, String communeName,
            NetworkType network, String operator, String device, Instant at, double downloadKbps) {
        return new MeasurementLocated(UUID.randomUUID(), "vn-2025",
                List.of(new UnitRef("province", province, provinceName, "Thành phố"), new UnitRef("commune", commune, communeName, "Phường")),
                "INSIDE", 0, device, at,
                new Network(network, network == NetworkType.FIXED ? Technology.WIFI : Technology.G4, operator, operator, true),
                new Metrics(downloadKbps, downloadKbps / 4, 20 + downloadKbps % 7, 3.0, 0.0), Instant.now());
    }

    /**
     * {@code n} reproducible tests of May 2025 in set {@code set}, spread over two communes of Hà Nội (so
     * every batch of them shares cells), from 80 devices, two operators, log-normal speeds.
     */
    public static List<MeasurementLocated> seeded(String set, int n, long seed, NetworkType network) {
        Random r = new Random(seed);
        Instant may = Instant.parse("2025-05-12T03:00:00Z");
        Technology technology = network == NetworkType.FIXED ? Technology.WIFI : Technology.G4;
        List<MeasurementLocated> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double dl = 30_000 * Math.exp(0.8 * r.nextGaussian());
            String commune = i % 2 == 0 ? "00004" : "00008";
            out.add(new MeasurementLocated(UUID.nameUUIDFromBytes((seed + ":" + i).getBytes()), set,
                    List.of(new UnitRef("province", "01", "Hà Nội", "Thành phố"), new UnitRef("commune", commune, commune, "Phường")),
                    "INSIDE", 0, "device-" + r.nextInt(80), may.plusSeconds(i * 41L),
                    new Network(network, technology, i % 3 == 0 ? "viettel" : "vnpt", "x", true),
                    new Metrics(dl, dl / 5, 15 + r.nextInt(40), 1.0 + r.nextInt(6), 0.0), Instant.now()));
        }
        return out;
    }

    /** The same tests placed in another boundary set (to compare two ways of projecting them). */
    public static List<MeasurementLocated> inSet(List<MeasurementLocated> tests, String set) {
        return tests.stream().map(e -> new MeasurementLocated(e.testId(), set, e.path(), e.method(), e.distanceM(),
                e.deviceId(), e.measuredAt(), e.network(), e.metrics(), e.locatedAt())).toList();
    }

    public static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        }
        return producer;
    }

    public static void send(List<? extends LocationEvent> events) {
        for (LocationEvent e : events) {
            String key = e instanceof MeasurementLocated l ? l.unit().code() : e.boundarySet();
            producer().send(new ProducerRecord<>(Topics.MEASUREMENTS_LOCATED, key, EventCodec.standard().encode(e)));
        }
        producer().flush();
    }

    public static void sendRaw(String key, byte[] value) {
        producer().send(new ProducerRecord<>(Topics.MEASUREMENTS_LOCATED, key, value));
        producer().flush();
    }
}
