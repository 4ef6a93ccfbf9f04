package vn.ispeed.testsupport;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A test JVM's broker leaves nothing behind in the temp directory. */
class KafkaBrokerDiscardTest {

    @Test
    void discardStopsTheBrokerAndDeletesItsData() throws Exception {
        Path dir = Files.createTempDirectory("ispeed-kafka-discard-");
        KafkaBroker broker = new KafkaBroker(dir);
        broker.start();
        assertThat(broker.running()).isTrue();
        assertThat(Files.list(dir.resolve("data")).count()).isPositive();
        broker.discard();
        assertThat(broker.running()).isFalse();
        assertThat(dir).doesNotExist();
    }
}
