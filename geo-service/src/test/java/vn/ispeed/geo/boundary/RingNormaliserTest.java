package vn.ispeed.geo.boundary;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader's normalisation step on small rings: orientation, and the repair of what JTS finds invalid. */
class RingNormaliserTest {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private static RingSet rings(double[]... rings) {
        RingSet.Builder b = new RingSet.Builder();
        boolean first = true;
        for (double[] ring : rings) {
            b.beginRing(first);
            for (int i = 0; i < ring.length; i += 2) {
                b.add(ring[i], ring[i + 1]);
            }
            b.endRing();
            first = false;
        }
        return b.build();
    }

    @Test
    void clockwiseShellTurnsCounterclockwiseAndItsHoleClockwise() {
        RingSet cw = rings(new double[]{0, 0, 0, 4, 4, 4, 4, 0}, new double[]{1, 1, 2, 1, 2, 2, 1, 2});
        RingNormaliser.Result result = RingNormaliser.normalise(cw);
        assertThat(result.repaired()).isFalse();
        RingSet out = result.rings();
        assertThat(RingNormaliser.signedArea(out.xy(), out.ringStart()[0], out.ringStart()[1])).as("shell area").isPositive();
        assertThat(RingNormaliser.signedArea(out.xy(), out.ringStart()[1], out.ringStart()[2])).as("hole area").isNegative();
        MultiPolygon geometry = out.toGeometry(FACTORY);
        assertThat(geometry.isValid()).isTrue();
        assertThat(geometry.getArea()).isEqualTo(15.0);
    }

    @Test
    void anOrientedValidPolygonIsKeptAsItIs() {
        RingSet ccw = rings(new double[]{0, 0, 4, 0, 4, 4, 0, 4});
        assertThat(RingNormaliser.normalise(ccw).rings()).isSameAs(ccw);
    }

    @Test
    void aSelfIntersectingRingIsRepairedAndSaysWhy() {
        RingSet bowTie = rings(new double[]{0, 0, 4, 4, 4, 0, 0, 4});
        assertThat(bowTie.toGeometry(FACTORY).isValid()).isFalse();
        RingNormaliser.Result result = RingNormaliser.normalise(bowTie);
        assertThat(result.repaired()).isTrue();
        assertThat(result.repair()).contains("Self-intersection");
        MultiPolygon fixed = result.rings().toGeometry(FACTORY);
        assertThat(fixed.isValid()).isTrue();
        assertThat(fixed.getNumGeometries()).as("the two triangles of the bow-tie").isEqualTo(2);
        assertThat(fixed.getArea()).isEqualTo(8.0);
        for (int r = 0; r < result.rings().rings(); r++) {
            assertThat(RingNormaliser.signedArea(result.rings().xy(), result.rings().ringStart()[r], result.rings().ringStart()[r + 1]))
                    .as("shell " + r).isPositive();
        }
    }
}
