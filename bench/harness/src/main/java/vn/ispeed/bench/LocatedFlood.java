package vn.ispeed.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.Topics;
import vn.ispeed.events.UnitRef;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * Many stats facts quickly: {@code measurement.located.v1} events written straight to {@code measurements-located}
 * with the real codec, as geo-service would write them, for stats-service to project. Loading millions of tests
 * through ingest and geo takes hours on one machine; this skips them and exercises only stats and what reads it.
 * Communes are drawn like the e2e fleet's homes (urban wards and the two big cities weighted up), devices are a
 * pool per commune, timestamps spread over the last {@code months} months.
 */
final class LocatedFlood {
    private static final String[][] MOBILE = {{"viettel", "452-04"}, {"vinaphone", "452-02"}, {"mobifone", "452-01"}};
    private static final String[][] FIXED = {{"viettel", "Viettel"}, {"vnpt", "VNPT"}, {"fpt", "FPT Telecom"}};

    private LocatedFlood() {
    }

    static long run(String bootstrap, Wards wards, long events, int months, long seed) {
        List<Wards.Ward> all = wards.all();
        double[] cumulative = new double[all.size()];
        double total = 0;
        for (int i = 0; i < all.size(); i++) {
            total += Fleet.weight(all.get(i));
            cumulative[i] = total;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        EventCodec codec = EventCodec.standard();
        Random random = new Random(seed);
        Instant now = Instant.now();
        long spanSeconds = months * 30L * 86_400L;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < events; i++) {
                double r = random.nextDouble() * total;
                int idx = java.util.Arrays.binarySearch(cumulative, r);
                Wards.Ward w = all.get(idx < 0 ? Math.min(-idx - 1, all.size() - 1) : idx);
                boolean fixed = random.nextDouble() < 0.45;
                String[] op = (fixed ? FIXED : MOBILE)[random.nextInt(3)];
                double down = (fixed ? 120_000 : 45_000) * Math.exp(0.6 * random.nextGaussian());
                List<UnitRef> path = new ArrayList<>(2);
                path.add(new UnitRef("province", w.provinceCode(), w.provinceCode(), null));
                path.add(new UnitRef("commune", w.code(), w.name(), w.type()));
                Instant measured = now.minusSeconds(60 + (long) (random.nextDouble() * spanSeconds));
                MeasurementLocated e = new MeasurementLocated(new UUID(seed, i), "vn-2025", path, "INSIDE", 0,
                        "flood-" + w.code() + "-" + random.nextInt(60), measured,
                        new Network(fixed ? NetworkType.FIXED : NetworkType.MOBILE, fixed ? Technology.WIFI : Technology.G4, op[0], op[1], true),
                        new Metrics(Math.round(down), Math.round(down * 0.6), 10 + random.nextInt(40), 2.0, 0.0), now);
                producer.send(new ProducerRecord<>(Topics.MEASUREMENTS_LOCATED, w.code(), codec.encode(e)));
                if (i > 0 && i % 1_000_000 == 0) {
                    System.out.printf("  produced %,d events (%.0f/s)%n", i, i / ((System.nanoTime() - start) / 1e9));
                }
            }
            producer.flush();
        }
        return events;
    }
}
