package vn.ispeed.geo.locate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import vn.ispeed.events.UnitRef;
import vn.ispeed.events.UnresolvedReason;
import vn.ispeed.geo.RealSets;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.BoundarySets;
import vn.ispeed.geo.boundary.Unit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * vn-2024's communes, reached through the vn-2025 ward a point lies in and the merges file, on the real data: a ward
 * that is one 2024 commune of the located district gives it; a ward of several gives the district, the reason and the
 * candidates; every commune given belongs to the district on its path.
 */
class MappedCommunesTest {
    private static BoundarySets sets;
    private static BoundarySet vn2025;
    private static BoundarySet vn2024;
    private static MappedLevel communes;

    @BeforeAll
    static void load() {
        sets = RealSets.get();
        vn2025 = sets.sets().get("vn-2025");
        vn2024 = sets.sets().get("vn-2024");
        communes = sets.locator().mappedLevel("vn-2024");
    }

    @Test
    void onlyAFewHundredOfTheTenThousand2024CommunesCanBeReachedWithTodaysData() {
        assertThat(communes.units()).isEqualTo(10_595);
        // pinned: stats-service's coverage report states the same count (CommuneReachTest there)
        assertThat(communes.reachable()).hasSize(REACHABLE);
    }

    /** The vn-2024 communes some point can be located to with the shared data of today. */
    static final int REACHABLE = 336;

    @Test
    void aWardThatIsOne2024CommuneGivesThatCommuneWithItsDistrictAndProvince() {
        // Xã Ngọc Long (00859), Hà Giang: the 2025 ward 00859 is the whole of the 2024 commune 00859 of district 028
        Point p = interiorPoint("00859");
        Outcome o = sets.locator().locate(vn2024, p.getY(), p.getX(), 10);
        assertThat(o.located()).isTrue();
        assertThat(o.unit().path()).extracting(UnitRef::code).containsExactly("02", "028", "00859");
        assertThat(o.unit().level()).isEqualTo("commune");
        assertThat(o.mappedFrom()).isEqualTo("vn-2025:00859");
        assertThat(o.unresolved()).isNull();
        assertThat(o.candidates()).isNull();
        // the point the stream test sends
        assertThat(sets.locator().locate(vn2024, 22.9900, 105.3323, 15).unit().code()).isEqualTo("00859");
    }

    @Test
    void hoanKiemIsAWardOfThirteen2024CommunesOfItsDistrictSoThePathStopsAtTheDistrictWithTheCandidates() {
        Outcome o = sets.locator().locate(vn2024, 21.0288, 105.8525, 10);
        assertThat(o.unit().path()).extracting(UnitRef::code).containsExactly("01", "002");
        assertThat(o.mappedFrom()).isEqualTo("vn-2025:00070");
        assertThat(o.unresolved()).isEqualTo(UnresolvedReason.AMBIGUOUS_2024_COMMUNE);
        assertThat(o.candidates()).contains("00070", "00073", "00076").hasSize(13);
        for (String c : o.candidates()) {
            assertThat(vn2024.unit(c).orElseThrow().parentCode()).as("candidate %s in Hoàn Kiếm", c).isEqualTo("002");
        }
    }

    @Test
    void theInteriorPointOfEveryWardGivesACommuneOfItsDistrictOrSaysWhyNot() {
        GeometryFactory gf = new GeometryFactory();
        BoundarySet.LocateLevel wards = vn2025.locateLevels().get(0);
        Map<UnresolvedReason, Integer> reasons = new EnumMap<>(UnresolvedReason.class);
        List<String> wrong = new ArrayList<>();
        int toCommune = 0;
        for (int i = 0; i < wards.polygons().size(); i++) {
            Point p = wards.polygons().get(i).toGeometry(gf).getInteriorPoint();
            String ward = wards.unitOfPolygon()[i].code();
            Outcome o = sets.locator().locate(vn2024, p.getY(), p.getX(), 0);
            if (!o.located()) {
                continue; // Quảng Ninh (no district polygons) unless its ward alone decides, gaps of the district layer
            }
            if (o.unit().level().equals("commune")) {
                toCommune++;
                List<UnitRef> path = o.unit().path();
                Unit commune = vn2024.unit(o.unit().code()).orElseThrow();
                if (!commune.parentCode().equals(path.get(1).code()) || !communes.reachable().contains(commune.code())
                        || !("vn-2025:" + ward).equals(o.mappedFrom())) {
                    wrong.add(ward + " -> " + path);
                }
            } else {
                reasons.merge(o.unresolved(), 1, Integer::sum);
                if (o.unresolved() == UnresolvedReason.AMBIGUOUS_2024_COMMUNE && (o.candidates() == null || o.candidates().isEmpty())) {
                    wrong.add(ward + " ambiguous without candidates");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(toCommune).as("wards whose interior point reaches a 2024 commune").isBetween(100, 400);
        assertThat(reasons.get(UnresolvedReason.AMBIGUOUS_2024_COMMUNE)).isGreaterThan(2_500);
    }

    private static Point interiorPoint(String ward) {
        BoundarySet.LocateLevel wards = vn2025.locateLevels().get(0);
        for (int i = 0; i < wards.unitOfPolygon().length; i++) {
            if (wards.unitOfPolygon()[i].code().equals(ward)) {
                return wards.polygons().get(i).toGeometry(new GeometryFactory()).getInteriorPoint();
            }
        }
        throw new IllegalArgumentException(ward);
    }
}
