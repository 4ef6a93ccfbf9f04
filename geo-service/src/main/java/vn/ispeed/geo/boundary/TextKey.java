package vn.ispeed.geo.boundary;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Vietnamese names compared without diacritics or case: "Hà Nội", "HA NOI" and "ha noi" have one key; đ is d. */
public final class TextKey {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextKey() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String s = text.replace('đ', 'd').replace('Đ', 'D');
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(s.toLowerCase(Locale.ROOT).trim()).replaceAll(" ");
    }
}
