package vn.ispeed.geo.catalogue;

import org.junit.jupiter.api.Test;
import vn.ispeed.geo.RealSets;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.RingSet;
import vn.ispeed.geo.boundary.Unit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Map payload sizes at the default tolerances of application.properties. */
class BoundaryGeoJsonSizeTest {

    /**
     * The provinces most likely to be the largest layers: the 5 with the most communes and the 5
     * with the most vertices (simplifying all 34 costs ~20 s on a busy machine; province 68 is the
     * largest at ~0.9 MB when they all are).
     */
    @Test
    void theHeaviestProvincesCommunesStayUnderOneMegabyte() {
        BoundarySet set = RealSets.get().sets().get("vn-2025");
        java.util.Map<String, RingSet> polygons = set.polygons(1);
        List<Unit> provinces = set.units().stream().filter(u -> u.levelIndex() == 0).toList();
        java.util.Set<Unit> heaviest = new java.util.LinkedHashSet<>();
        provinces.stream().sorted(java.util.Comparator.comparingInt((Unit p) -> -set.children(p.code()).size()))
                .limit(5).forEach(heaviest::add);
        provinces.stream().sorted(java.util.Comparator.comparingLong((Unit p) -> -set.children(p.code()).stream()
                        .mapToLong(c -> polygons.get(c.code()).points()).sum()))
                .limit(5).forEach(heaviest::add);
        int largest = 0;
        String largestCode = null;
        long t0 = System.nanoTime();
        for (Unit province : heaviest) {
            List<Unit> communes = set.children(province.code());
            BoundaryGeoJson.Rendered r = BoundaryGeoJson.render(set, communes, 1, defaultTolerance(set, 1));
            assertThat(r.features()).as("communes drawn for " + province.code()).isEqualTo(communes.size());
            if (r.body().length > largest) {
                largest = r.body().length;
                largestCode = province.code();
            }
        }
        System.out.printf("largest province commune layer: %s %d bytes; %d provinces in %d ms%n", largestCode, largest,
                heaviest.size(), (System.nanoTime() - t0) / 1_000_000);
        assertThat(largest).as("bytes of the largest province's communes").isLessThan(1_000_000);
    }

    @Test
    void allProvincesStayUnderTwoMegabytes() {
        BoundarySet set = RealSets.get().sets().get("vn-2025");
        List<Unit> provinces = set.units().stream().filter(u -> u.levelIndex() == 0).toList();
        BoundaryGeoJson.Rendered r = BoundaryGeoJson.render(set, provinces, 0, defaultTolerance(set, 0));
        System.out.printf("34 provinces: %d bytes%n", r.body().length);
        assertThat(r.features()).isEqualTo(34);
        assertThat(r.body().length).as("bytes of all provinces").isLessThan(2_000_000);
    }

    private static double defaultTolerance(BoundarySet set, int level) {
        return RealSets.config().sets().get(set.name()).levels().get(level).displayToleranceM();
    }
}
