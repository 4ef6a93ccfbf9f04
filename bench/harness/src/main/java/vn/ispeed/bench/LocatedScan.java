package vn.ispeed.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.IspeedEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.MeasurementUnlocated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.TreeMap;

/**
 * Reads a topic (read_committed, from given offsets, no consumer group) and keeps what
 * concerns this run's tests: how often each testId was appended, and per boundary set which
 * tests were located or unlocated (with the reason), so counts reconcile exactly.
 */
public final class LocatedScan implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = EventCodec.standard();
    private final Set<UUID> ours;

    public final Map<UUID, Integer> submittedCopies = new HashMap<>();
    public final Map<String, Set<UUID>> located = new TreeMap<>();
    public final Map<String, Set<UUID>> unlocated = new TreeMap<>();
    public final Map<String, Long> unlocatedReasons = new TreeMap<>();
    public final Map<String, Long> duplicateEvents = new TreeMap<>();
    public long foreign;
    public long unreadable;

    public LocatedScan(String bootstrap, String topic, Map<Integer, Long> fromOffsets, Set<UUID> ours) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
        consumer.assign(parts);
        for (TopicPartition tp : parts) {
            consumer.seek(tp, fromOffsets.getOrDefault(tp.partition(), 0L));
        }
        this.ours = ours;
    }

    public static Map<Integer, Long> endOffsets(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
            Map<Integer, Long> out = new HashMap<>();
            c.endOffsets(parts).forEach((tp, off) -> out.put(tp.partition(), off));
            return out;
        }
    }

    /** Polls what is there now; returns the number of records read. */
    public int pollOnce(Duration timeout) {
        int n = 0;
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            n++;
            IspeedEvent event;
            try {
                event = codec.decode(r.value());
            } catch (RuntimeException e) {
                unreadable++;
                continue;
            }
            if (event instanceof MeasurementSubmitted s) {
                if (ours.contains(s.testId())) {
                    submittedCopies.merge(s.testId(), 1, Integer::sum);
                } else {
                    foreign++;
                }
            } else if (event instanceof MeasurementLocated l) {
                if (!ours.contains(l.testId())) {
                    foreign++;
                } else if (!located.computeIfAbsent(l.boundarySet(), k -> new HashSet<>()).add(l.testId())) {
                    duplicateEvents.merge(l.boundarySet(), 1L, Long::sum);
                }
            } else if (event instanceof MeasurementUnlocated u) {
                if (!ours.contains(u.testId())) {
                    foreign++;
                } else if (unlocated.computeIfAbsent(u.boundarySet(), k -> new HashSet<>()).add(u.testId())) {
                    unlocatedReasons.merge(u.boundarySet() + ":" + u.reason(), 1L, Long::sum);
                } else {
                    duplicateEvents.merge(u.boundarySet(), 1L, Long::sum);
                }
            }
        }
        return n;
    }

    /** Tests of this run with a located or unlocated event in the given set. */
    public int decided(String set) {
        return located.getOrDefault(set, Set.of()).size() + unlocated.getOrDefault(set, Set.of()).size();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
