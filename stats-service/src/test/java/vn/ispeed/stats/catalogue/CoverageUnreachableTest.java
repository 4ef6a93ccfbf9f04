package vn.ispeed.stats.catalogue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vn-2024 communes a test can reach with the shared data of today, by geo-service's rule (catalogue/MappedCommunes):
 * the same count as geo-service's MappedCommunesTest, so the coverage report and the locator agree.
 */
class CoverageUnreachableTest {

    @Test
    void only336OfThe10595CommunesOf2024CanReceiveATest() {
        UnitCatalogue catalogue = new UnitCatalogue(Path.of(System.getProperty("ispeed.geo.root", "../../shared/geo")));
        UnitCatalogue.BoundarySet old = catalogue.set(UnitCatalogue.VN_2024).orElseThrow();
        long reachable = old.atLevel(Unit.COMMUNE).stream().filter(u -> old.receivesTests(u.code())).count();
        assertThat(reachable).isEqualTo(336);
        assertThat(old.receivesTests("00859")).as("Xã Ngọc Long: the 2025 ward 00859 is the whole of it").isTrue();
        assertThat(old.receivesTests("00070")).as("Phường Hàng Trống: one of the thirteen of Phường Hoàn Kiếm").isFalse();
        assertThat(old.receivesTests("002")).as("districts are located with polygons").isTrue();
        UnitCatalogue.BoundarySet now = catalogue.set(UnitCatalogue.VN_2025).orElseThrow();
        assertThat(now.atLevel(Unit.COMMUNE)).allMatch(u -> now.receivesTests(u.code()));
    }
}
