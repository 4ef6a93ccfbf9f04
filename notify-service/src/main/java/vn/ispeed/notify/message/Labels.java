package vn.ispeed.notify.message;

import vn.ispeed.events.NetworkType;

import java.util.Collection;
import java.util.Set;

/** The words messages are made of, in Vietnamese and English. */
public final class Labels {
    private Labels() {
    }

    public static boolean en(String language) {
        return "en".equals(language);
    }

    public static String network(String network, String language) {
        boolean fixed = NetworkType.FIXED.name().equals(network);
        if (en(language)) {
            return fixed ? "Fixed broadband" : "Mobile broadband";
        }
        return fixed ? "Băng rộng cố định" : "Băng rộng di động";
    }

    public static String status(String status, String language) {
        if (status == null) {
            return en(language) ? "no data" : "chưa có dữ liệu";
        }
        if ("PUBLISHED".equals(status)) {
            return en(language) ? "enough samples, published" : "đủ mẫu, đã công bố";
        }
        return en(language) ? "not enough samples" : "không đủ mẫu để thống kê";
    }

    /** "xã/phường" for communes, "quận/huyện" for districts, a generic word for a mix. */
    public static String units(Collection<String> levels, String language) {
        Set<String> distinct = Set.copyOf(levels);
        if (distinct.size() == 1) {
            return unitsOf(distinct.iterator().next(), language);
        }
        return en(language) ? "units" : "đơn vị hành chính";
    }

    public static String unitsOf(String level, String language) {
        return switch (level) {
            case "commune" -> en(language) ? "communes" : "xã/phường";
            case "district" -> en(language) ? "districts" : "quận/huyện";
            default -> en(language) ? "units" : "đơn vị hành chính";
        };
    }

    public static String needs(long tests, long devices, String language) {
        if (en(language)) {
            return "needs " + tests + " more tests from " + devices + " more devices";
        }
        return "còn thiếu " + tests + " phép đo, " + devices + " thiết bị";
    }

    public static String coverageSubject(String province, int count, Collection<String> levels, String language) {
        if (en(language)) {
            return "[i-Speed] " + province + ": " + count + " " + units(levels, language)
                    + " changed sample sufficiency status";
        }
        return "[i-Speed] " + province + ": " + count + " " + units(levels, language) + " thay đổi trạng thái đủ mẫu";
    }

    public static String digestSubject(String province, String week, String language) {
        if (en(language)) {
            return "[i-Speed] " + province + ": weekly coverage digest " + week;
        }
        return "[i-Speed] " + province + ": bản tin tuần " + week + " về tình hình đủ mẫu";
    }
}
