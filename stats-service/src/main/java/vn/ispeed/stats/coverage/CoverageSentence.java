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
 * include special zones ("xã/phường/đặc khu").
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
        return prefix + ": " + String.join(" và ", parts) + " không đủ mẫu để thống kê";
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
        return prefix + ": " + String.join(" and ", parts) + " without enough samples";
    }
}
