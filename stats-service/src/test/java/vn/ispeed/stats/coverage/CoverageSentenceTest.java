package vn.ispeed.stats.coverage;

import org.junit.jupiter.api.Test;
import vn.ispeed.events.NetworkType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageSentenceTest {

    @Test
    void vn2024NamesDistrictsAndCommunesAndThoseNoTestCanReach() {
        List<CoverageReport.Level> levels = List.of(
                new CoverageReport.Level("province", 63, 10, 53, null, List.of()),
                new CoverageReport.Level("district", 705, 450, 255, null, List.of()),
                new CoverageReport.Level("commune", 10595, 10455, 140, 10259, List.of()));
        assertThat(CoverageSentence.vietnamese("vn-2024", NetworkType.FIXED, levels))
                .isEqualTo("Mạng băng rộng cố định: 450/705 quận/huyện và 10455/10595 xã/phường không đủ mẫu để thống kê;"
                        + " 10259 xã/phường chưa thể nhận phép đo nào với dữ liệu ranh giới hiện có");
        assertThat(CoverageSentence.english(NetworkType.FIXED, levels))
                .isEqualTo("Fixed broadband: 450/705 districts and 10455/10595 communes without enough samples;"
                        + " 10259 communes cannot receive any test with today's boundary data");
    }

    @Test
    void vn2025HasCommunesAndSpecialZonesOnly() {
        List<CoverageReport.Level> levels = List.of(
                new CoverageReport.Level("province", 34, 3, 31, null, List.of()),
                new CoverageReport.Level("commune", 3321, 3000, 321, null, List.of()));
        assertThat(CoverageSentence.vietnamese("vn-2025", NetworkType.MOBILE, levels))
                .isEqualTo("Mạng băng rộng di động: 3000/3321 xã/phường/đặc khu không đủ mẫu để thống kê");
    }
}
