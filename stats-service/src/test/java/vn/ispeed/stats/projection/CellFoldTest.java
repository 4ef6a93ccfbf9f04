package vn.ispeed.stats.projection;

import org.junit.jupiter.api.Test;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.UnitRef;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CellFoldTest {

    private static MeasurementLocated test(String device, Instant at, boolean operatorKnown, List<UnitRef> path) {
        return new MeasurementLocated(UUID.randomUUID(), "vn-2024", path, "INSIDE", 0, device, at,
                new Network(NetworkType.MOBILE, Technology.G4, "viettel", "452-04", operatorKnown),
                new Metrics(50_000, 10_000, 30, 2.0, 0.0), at);
    }

    private static final List<UnitRef> PATH = List.of(new UnitRef("province", "01", "Hà Nội", "Thành phố"),
            new UnitRef("district", "001", "Ba Đình", "Quận"), new UnitRef("commune", "00001", "Phúc Xá", "Phường"));

    @Test
    void oneTestUpdatesEveryLevelUpToTheNationForAllAndItsOperatorInItsMonth() {
        CellFold fold = new CellFold(ZoneId.of("Asia/Ho_Chi_Minh"));
        fold.add(test("d1", Instant.parse("2026-11-25T03:00:00Z"), true, PATH));
        // 4 units (nation, province, district, commune) × (ALL: month + operator: month), and the
        // nation's day: the days of the others are read from their facts
        assertThat(fold.deltas()).hasSize(9);
        assertThat(fold.deltas()).containsKeys("vn-2024|VN|MOBILE|ALL|2026-11", "vn-2024|01|MOBILE|ALL|2026-11",
                "vn-2024|VN|MOBILE|ALL|2026-11-25", "vn-2024|00001|MOBILE|viettel|2026-11");
        // an operator's day is not stored, nor a quarter (the projector derives it from its months), nor a day
        // below the nation
        assertThat(fold.deltas()).doesNotContainKeys("vn-2024|00001|MOBILE|viettel|2026-11-25",
                "vn-2024|01|MOBILE|viettel|2026-Q4", "vn-2024|01|MOBILE|ALL|2026-Q4", "vn-2024|00001|MOBILE|ALL|2026-11-25",
                "vn-2024|001|MOBILE|ALL|2026-11-25", "vn-2024|01|MOBILE|ALL|2026-11-25");
        CellFold.Delta district = fold.deltas().get("vn-2024|001|MOBILE|ALL|2026-11");
        assertThat(district.key().parentCode()).isEqualTo("01");
        assertThat(district.key().provinceCode()).isEqualTo("01");
        assertThat(fold.deltas().get("vn-2024|01|MOBILE|ALL|2026-11").key().parentCode()).isEqualTo("VN");
    }

    @Test
    void theDayIsVietnamsDay() {
        CellFold fold = new CellFold(ZoneId.of("Asia/Ho_Chi_Minh"));
        fold.add(test("d1", Instant.parse("2026-12-31T18:30:00Z"), false, PATH)); // 01:30 on 1 January in Hanoi
        assertThat(fold.deltas()).containsKeys("vn-2024|VN|MOBILE|ALL|2027-01-01", "vn-2024|00001|MOBILE|ALL|2027-01");
    }

    @Test
    void unknownOperatorsCountOnlyInAllOperators() {
        CellFold fold = new CellFold(ZoneId.of("Asia/Ho_Chi_Minh"));
        fold.add(test("d1", Instant.parse("2026-11-25T03:00:00Z"), false, PATH));
        assertThat(fold.deltas()).hasSize(5); // the four units' months and the nation's day
        assertThat(fold.deltas().keySet()).allMatch(k -> k.contains("|ALL|"));
    }

    @Test
    void twoTestsOfOneDeviceMakeTwoTestsAndOneDevice() {
        CellFold fold = new CellFold(ZoneId.of("Asia/Ho_Chi_Minh"));
        fold.add(test("d1", Instant.parse("2026-11-25T03:00:00Z"), true, PATH));
        fold.add(test("d1", Instant.parse("2026-11-26T03:00:00Z"), true, PATH));
        var f = fold.deltas().get("vn-2024|VN|MOBILE|ALL|2026-11").state().figures();
        assertThat(f.tests()).isEqualTo(2);
        assertThat(f.devices()).isEqualTo(1);
    }
}
