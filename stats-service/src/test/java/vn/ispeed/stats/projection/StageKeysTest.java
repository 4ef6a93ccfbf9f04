package vn.ispeed.stats.projection;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tests a staged batch leaves out because the batch before it holds them. */
class StageKeysTest {

    @Test
    void theTestsOfALiveBatchBeforeAreLeftOutNeverThoseOfADroppedOne() {
        LocatedMeasurementConsumer.Stage before = new LocatedMeasurementConsumer.Stage();
        assertThat(LocatedMeasurementConsumer.keysToLeaveOut(null)).isEmpty();
        assertThat(LocatedMeasurementConsumer.keysToLeaveOut(before)).as("staged nothing").isEmpty();
        before.keys = Set.of("t1|vn-2025", "t1|vn-2024");
        assertThat(LocatedMeasurementConsumer.keysToLeaveOut(before)).containsExactlyInAnyOrder("t1|vn-2025", "t1|vn-2024");
        before.dropped = true; // rolled back: nothing of it is stored, so its tests must be inserted again
        assertThat(LocatedMeasurementConsumer.keysToLeaveOut(before)).isEmpty();
    }
}
