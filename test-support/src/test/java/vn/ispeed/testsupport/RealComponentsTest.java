package vn.ispeed.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.Topics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The components the integration tests rely on really start, and Kafka survives a stop/start with its data. */
class RealComponentsTest {

    @Test
    void kafka_keeps_records_across_a_broker_restart() throws Exception {
        KafkaBroker broker = KafkaResource.broker();
        assertThat(broker.admin().listTopics().names().get()).contains(Topics.MEASUREMENTS, Topics.deadLetter(Topics.COVERAGE));

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.COVERAGE, "k", "before-restart")).get();
        }

        KafkaResource.stopBroker();
        assertThat(broker.running()).isFalse();
        KafkaResource.startBroker();

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "real-components-test");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.COVERAGE));
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.value());
                }
            }
        }
        assertThat(seen).containsExactly("before-restart");
    }

    @Test
    void postgres_creates_the_requested_database() throws Exception {
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of("database", "support_check"));
        Map<String, String> config = resource.start();
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"), PostgresResource.USER,
                PostgresResource.PASSWORD); ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("support_check");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 17");
        }
    }
}
