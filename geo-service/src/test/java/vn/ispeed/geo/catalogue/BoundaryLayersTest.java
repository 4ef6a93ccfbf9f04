package vn.ispeed.geo.catalogue;

import org.junit.jupiter.api.Test;
import vn.ispeed.geo.RealSets;
import vn.ispeed.geo.boundary.BoundarySet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Before the start-up preparation has run, a default layer is "come back later", never rendered on the request. */
class BoundaryLayersTest {
    @Test
    void aLayerStillBeingPreparedAsksTheClientToComeBack() {
        BoundaryLayers layers = new BoundaryLayers(RealSets.get().sets(), RealSets.config());
        BoundarySet vn2025 = RealSets.get().sets().get("vn-2025");
        assertThat(layers.ready()).isFalse();
        assertThat(layers.progress()).as("province, district of vn-2024; province, commune of vn-2025").isEqualTo("0/4");
        assertThatThrownBy(() -> layers.layer(vn2025, 1))
                .isInstanceOfSatisfying(BoundaryLayers.Preparing.class, p -> assertThat(p.retryAfterSeconds()).isBetween(5, 60))
                .hasMessageContaining("vn-2025 commune");
        assertThat(layers.layer(RealSets.get().sets().get("vn-2024"), 2)).as("a level without polygons").isEmpty();
    }
}
