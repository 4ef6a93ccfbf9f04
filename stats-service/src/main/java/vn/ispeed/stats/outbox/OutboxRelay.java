package vn.ispeed.stats.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.projection.KafkaSettings;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays the outbox to Kafka in the order it was written. Rows are read under a transaction-scoped
 * advisory lock (one relay at a time across instances), sent with an idempotent producer, and
 * marked sent in the same transaction once every send is acknowledged. A crash between the
 * acknowledgement and the commit resends those rows: delivery is at-least-once, and each record
 * carries its outbox id in header {@code event-id} so a consumer drops the repeat (notify-service
 * deduplicates by it).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long LOCK_ID = 0x15eed0b0L;

    private final AgroalDataSource dataSource;
    private final KafkaSettings kafka;
    private final StatsConfig.Outbox config;
    private final AtomicLong relayed = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(AgroalDataSource dataSource, KafkaSettings kafka, StatsConfig config) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.config = config.outbox();
    }

    void onStart(@Observes StartupEvent ev) {
        if (!config.relayEnabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "stats-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    public long relayed() {
        return relayed.get();
    }

    private void run() {
        try (KafkaProducer<String, byte[]> producer = kafka.producer("stats-service-outbox")) {
            while (running) {
                int sent = 0;
                try {
                    sent = relayOnce(producer);
                } catch (Exception e) {
                    LOG.warnf("outbox relay failed, will retry: %s", e.toString());
                }
                if (sent == 0) {
                    try {
                        Thread.sleep(config.interval().toMillis()); // polling interval of the relay
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private record Pending(UUID id, String topic, String key, byte[] payload) {
    }

    int relayOnce(KafkaProducer<String, byte[]> producer) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, LOCK_ID);
                    try (ResultSet rs = lock.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(1)) {
                            c.rollback();
                            return 0;
                        }
                    }
                }
                List<Pending> pending = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, topic, event_key, payload FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?")) {
                    ps.setInt(1, config.batchSize());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            pending.add(new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBytes(4)));
                        }
                    }
                }
                if (pending.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                List<Future<RecordMetadata>> acks = new ArrayList<>(pending.size());
                for (Pending p : pending) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(p.topic(), p.key(), p.payload());
                    record.headers().add("event-id", p.id().toString().getBytes(StandardCharsets.UTF_8));
                    acks.add(producer.send(record));
                }
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET sent_at = now() WHERE id = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", pending.stream().map(Pending::id).toArray()));
                    ps.executeUpdate();
                }
                c.commit();
                relayed.addAndGet(pending.size());
                return pending.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }
}
