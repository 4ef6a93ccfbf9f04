package vn.ispeed.stats.cell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DistinctDevicesTest {

    @Test
    void smallCountsAreExact() {
        for (int n : new int[] {1, 9, 10, 15, 30, 100, 300}) {
            DistinctDevices d = DistinctDevices.empty();
            for (int i = 0; i < n; i++) {
                d.add("device-" + i);
                d.add("device-" + i); // a second test of the same device
            }
            assertThat(DistinctDevices.fromBytes(d.toBytes()).estimate()).as("devices of %d", n).isEqualTo(n);
        }
    }

    @Test
    void aDeviceInTwoChildrenCountsOnceInTheParent() {
        DistinctDevices a = DistinctDevices.empty();
        DistinctDevices b = DistinctDevices.empty();
        for (int i = 0; i < 20; i++) {
            a.add("d" + i);
        }
        for (int i = 10; i < 35; i++) {
            b.add("d" + i);
        }
        a.merge(b);
        assertThat(a.estimate()).isEqualTo(35);
    }

    @Test
    void largeCountsWithinFourStandardErrorsAndIndependentOfMergeOrder() {
        DistinctDevices direct = DistinctDevices.empty();
        DistinctDevices merged = DistinctDevices.empty();
        DistinctDevices part = DistinctDevices.empty();
        for (int i = 0; i < 200_000; i++) {
            direct.add("dev" + i);
            part.add("dev" + i);
            if (i % 7_000 == 6_999) {
                merged.merge(part);
                part = DistinctDevices.empty();
            }
        }
        merged.merge(part);
        assertThat(direct.estimate()).isBetween(187_000L, 213_000L); // RSE 1.6% → ±6.5%
        assertThat(merged.estimate()).isEqualTo(direct.estimate());
    }

    @Test
    void aDeviceCountedByItsUtf8BytesIsTheSameDeviceAsByItsString() {
        DistinctDevices byString = DistinctDevices.empty();
        DistinctDevices byBytes = DistinctDevices.empty();
        for (int i = 0; i < 5_000; i++) { // past list and set mode, into the HLL registers
            byString.add("thiết-bị-" + i);
            byBytes.add(("thiết-bị-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(byBytes.toBytes()).isEqualTo(byString.toBytes()); // stored sketches stay compatible
    }

    @Test
    void aListedDeltaMergedByUpdatesCountsAsAUnionOfSketchesWouldAcrossEveryMode() {
        java.util.Random r = new java.util.Random(5);
        for (int size : new int[] {0, 5, 63, 64, 65, 150, 400, 1_000, 5_000, 40_000}) {
            DistinctDevices byUpdates = DistinctDevices.empty();
            DistinctDevices byUnions = DistinctDevices.empty();
            int added = 0;
            while (added < size) {
                DistinctDevices delta = DistinctDevices.empty();
                DistinctDevices deltaSketch = DistinctDevices.empty();
                int n = 1 + r.nextInt(30); // a batch's few tests for a cell, devices repeating
                for (int i = 0; i < n && added < size; i++, added++) {
                    String device = "dev-" + r.nextInt(Math.max(1, size / 2));
                    delta.add(device);
                    deltaSketch.add(device);
                }
                deltaSketch.toBytes(); // builds its sketch: merged through a union
                byUpdates.merge(delta);
                byUnions.merge(deltaSketch);
            }
            assertThat(byUpdates.estimate()).as("%d tests", size).isEqualTo(byUnions.estimate());
            assertThat(DistinctDevices.fromBytes(byUpdates.toBytes()).estimate()).isEqualTo(byUnions.estimate());
        }
    }

    @Test
    void aListedStateCopiesMergesAndStoresLikeASketch() {
        DistinctDevices listed = DistinctDevices.empty();
        for (int i = 0; i < 10; i++) {
            listed.add("d" + (i % 6));
        }
        DistinctDevices copy = listed.copy();
        copy.add("another");
        assertThat(listed.estimate()).isEqualTo(6);
        assertThat(copy.estimate()).isEqualTo(7);
        DistinctDevices stored = DistinctDevices.fromBytes(listed.toBytes());
        stored.merge(copy);
        assertThat(stored.estimate()).isEqualTo(7);
        assertThat(DistinctDevices.fromBytes(DistinctDevices.empty().toBytes()).estimate()).isZero();
    }
}
