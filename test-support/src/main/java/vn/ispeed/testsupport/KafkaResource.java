package vn.ispeed.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Starts one real Kafka broker per test JVM (the first test class that needs it starts it, a
 * shutdown hook stops it and deletes its data) and points the service's Kafka settings at it.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private static KafkaBroker broker;

    public static synchronized KafkaBroker broker() {
        if (broker == null) {
            try {
                KafkaBroker started = new KafkaBroker(Files.createTempDirectory("ispeed-kafka-"));
                started.start();
                started.createTopics();
                // every test JVM and bench run left its broker's data behind in the temp directory: 26 GB of it on
                // the development machine, until its disk was full
                Runtime.getRuntime().addShutdownHook(new Thread(started::discard, "kafka-test-broker-stop"));
                broker = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker;
    }

    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Stops the broker (SIGKILL), keeping its data, to test what a service does when Kafka is down. */
    public static void stopBroker() {
        broker().stop(true);
    }

    /** Starts the broker again on the same port and data. */
    public static void startBroker() {
        broker().start();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}
