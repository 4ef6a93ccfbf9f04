package vn.ispeed.geo.locate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import vn.ispeed.events.UnlocatedReason;
import vn.ispeed.geo.RealSets;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.BoundarySets;
import vn.ispeed.geo.boundary.RingSet;
import vn.ispeed.geo.boundary.Unit;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of the issue on the real sets, plus the interior point of every ward. */
class RealDataLocateTest {
    private static BoundarySets sets;
    private static BoundarySet vn2025;
    private static BoundarySet vn2024;

    @BeforeAll
    static void load() {
        sets = RealSets.get();
        vn2025 = sets.sets().get("vn-2025");
        vn2024 = sets.sets().get("vn-2024");
    }

    @Test
    void catalogueSizes() {
        assertThat(vn2025.report().unitsPerLevel()).containsEntry("province", 34).containsEntry("commune", 3321);
        assertThat(vn2025.report().polygonsPerLevel()).containsEntry("commune", 3321);
        assertThat(vn2024.report().unitsPerLevel())
                .containsEntry("province", 63).containsEntry("district", 705).containsEntry("commune", 10595);
        assertThat(vn2024.report().polygonsPerLevel()).containsEntry("province", 62).containsEntry("district", 692);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Ho Hoan Kiem,  21.0288, 105.8525, 00070, 01",
            "Cho Ben Thanh, 10.7725, 106.6980, 26743, 79",
            "Cau Rong,      16.0612, 108.2272, 20275, 48",
            "Sa Pa,         22.3364, 103.8438, 03006, 15",
            "Phu Quoc,      10.2270, 103.9640, 31078, 91",
    })
    void landmarksLocateToTheirCommune(String place, double lat, double lon, String commune, String province) {
        Outcome outcome = sets.locator().locate(vn2025, lat, lon, 10);
        assertThat(outcome.located()).as(place + " located").isTrue();
        assertThat(outcome.unit().code()).as(place + " commune").isEqualTo(commune);
        assertThat(outcome.unit().path().get(0).code()).as(place + " province").isEqualTo(province);
        assertThat(outcome.unit().path()).hasSize(2);
    }

    @Test
    void hoanKiemHasItsFullPathWithDiacritics() {
        Outcome outcome = sets.locator().locate(vn2025, 21.0288, 105.8525, 10);
        assertThat(outcome.unit().name()).isEqualTo("Phường Hoàn Kiếm");
        assertThat(outcome.unit().type()).isEqualTo("Phường");
        assertThat(outcome.unit().path().get(0).name()).isEqualTo("Thành phố Hà Nội");
        assertThat(outcome.method()).isEqualTo(Outcome.INSIDE);
    }

    @Test
    void hoanKiemInTheOldSystemIsDistrict002OfHanoi() {
        Outcome outcome = sets.locator().locate(vn2024, 21.0288, 105.8525, 10);
        assertThat(outcome.unit().code()).isEqualTo("002");
        assertThat(outcome.unit().path()).extracting(u -> u.code()).containsExactly("01", "002");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Vientiane, 17.9757, 102.6331",
            "East Sea,  12.0,    111.0",
    })
    void abroadAndAtSeaAreOutsideBoundaries(String place, double lat, double lon) {
        for (BoundarySet set : List.of(vn2025, vn2024)) {
            Outcome outcome = sets.locator().locate(set, lat, lon, 10);
            assertThat(outcome.reason()).as(place + " in " + set.name()).isEqualTo(UnlocatedReason.OUTSIDE_BOUNDARIES);
        }
    }

    @Test
    void quangNinhHasNoBoundaryDataInTheOldSetOnly() {
        double lat = 20.9510; // Ha Long city
        double lon = 107.0800;
        Outcome now = sets.locator().locate(vn2025, lat, lon, 10);
        assertThat(now.unit().path().get(0).code()).isEqualTo("22");
        assertThat(sets.locator().locate(vn2024, lat, lon, 10).reason()).isEqualTo(UnlocatedReason.NO_BOUNDARY_DATA);
    }

    @Test
    void lowAccuracyAndNoLocation() {
        assertThat(sets.locator().locate(vn2025, 21.0288, 105.8525, 2500).reason()).isEqualTo(UnlocatedReason.LOW_ACCURACY);
        assertThat(sets.locator().locate(vn2025, (Double) null, null, 10).reason()).isEqualTo(UnlocatedReason.NO_LOCATION);
    }

    @Test
    void interiorPointOfEveryWardLocatesToThatWard() {
        GeometryFactory gf = new GeometryFactory();
        BoundarySet.LocateLevel wards = vn2025.locateLevels().get(0);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < wards.polygons().size(); i++) {
            RingSet rings = wards.polygons().get(i);
            Geometry geometry = rings.toGeometry(gf);
            Point p = geometry.getInteriorPoint();
            Unit expected = wards.unitOfPolygon()[i];
            Outcome outcome = sets.locator().locate(vn2025, p.getY(), p.getX(), 0);
            if (!outcome.located() || !outcome.unit().code().equals(expected.code())) {
                wrong.add(expected.code() + " -> " + (outcome.located() ? outcome.unit().code() : outcome.reason()));
            }
        }
        assertThat(wrong).as("wards whose interior point locates elsewhere").isEmpty();
        assertThat(wards.polygons()).hasSize(3321);
    }

    @Test
    void gridAgreesWithTheExactTestOnRandomPoints() {
        BoundarySet.LocateLevel wards = vn2025.locateLevels().get(0);
        java.util.Random random = new java.util.Random(42);
        int disagreements = 0;
        for (int k = 0; k < 200_000; k++) {
            double lon = 102.0 + random.nextDouble() * 7.5;
            double lat = 8.5 + random.nextDouble() * 15.0;
            if (wards.grid().locate(lon, lat) != wards.grid().exact(lon, lat)) {
                disagreements++;
            }
        }
        assertThat(disagreements).isZero();
    }
}
