package vn.ispeed.stats.coverage;

import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * The coverage sentence as a department reads it, e.g. "Mạng băng rộng cố định: 450/705 quận/huyện
 * và 10455/10595 xã/phường không đủ mẫu để thống kê". Districts and communes are named; provinces are
 * not (a province is the reader's own scope). vn-2025 has no district level and its communes
 * include special zones ("xã/phường/đặc khu"). Units no test can be located to with today's boundary data (vn-2024's
 * communes that no 2025 ward leads to) are said apart, e.g. "...; 10259 xã/phường chưa thể nhận phép đo nào với dữ
 * liệu ranh giới hiện có": more tests from their area would not help.
 */
public final class CoverageSentence {
    private CoverageSentence() {
    }

    public static String vietnamese(String set, NetworkType network, List<CoverageReport.Level> levels) {
        String prefix = network == NetworkType.FIXED ? "Mạng băng rộng cố định" : "Mạng băng rộng di động";
        List<String> parts = new ArrayList<>();
        for (CoverageReport.Level l : levels) {
            String noun = switch (l.level()) {
                case Unit.DISTRICT -> "quận/huyện";
                case Unit.COMMUNE -> UnitCatalogue.VN_2025.equals(set) ? "xã/phường/đặc khu" : "xã/phường";
                default -> null;
            };
            if (noun != null) {
                parts.add(l.insufficient() + "/" + l.units() + " " + noun);
            }
        }
        List<String> unreachable = new ArrayList<>();
        for (CoverageReport.Level l : levels) {
            if (l.cannotReceiveTests() != null && Unit.COMMUNE.equals(l.level())) {
                unreachable.add(l.cannotReceiveTests() + " xã/phường chưa thể nhận phép đo nào với dữ liệu ranh giới hiện có");
            }
        }
        return prefix + ": " + String.join(" và ", parts) + " không đủ mẫu để thống kê"
                + (unreachable.isEmpty() ? "" : "; " + String.join("; ", unreachable));
    }

    public static String english(NetworkType network, List<CoverageReport.Level> levels) {
        String prefix = network == NetworkType.FIXED ? "Fixed broadband" : "Mobile broadband";
        List<String> parts = new ArrayList<>();
        for (CoverageReport.Level l : levels) {
            String noun = switch (l.level()) {
                case Unit.DISTRICT -> "districts";
                case Unit.COMMUNE -> "communes";
                default -> null;
            };
            if (noun != null) {
                parts.add(l.insufficient() + "/" + l.units() + " " + noun);
            }
        }
        List<String> unreachable = new ArrayList<>();
        for (CoverageReport.Level l : levels) {
            if (l.cannotReceiveTests() != null && Unit.COMMUNE.equals(l.level())) {
                unreachable.add(l.cannotReceiveTests() + " communes cannot receive any test with today's boundary data");
            }
        }
        return prefix + ": " + String.join(" and ", parts) + " without enough samples"
                + (unreachable.isEmpty() ? "" : "; " + String.join("; ", unreachable));
    }
}
