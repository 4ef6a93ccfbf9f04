package vn.ispeed.portal.view;

import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Numbers, speeds and periods in the reader's locale: Vietnamese writes 3.321 and 95,4; English 3,321 and 95.4.
 * Speeds arrive in kbit/s and are shown in Mbit/s (a unit change, not a new figure).
 */
public final class Fmt {
    private final String lang;
    private final Locale locale;

    public Fmt(String lang) {
        this.lang = lang;
        this.locale = I18n.locale(lang);
    }

    public String lang() {
        return lang;
    }

    public String num(Object value) {
        if (value == null) {
            return "–";
        }
        Number n = value instanceof Number x ? x : Double.valueOf(value.toString());
        NumberFormat f = NumberFormat.getIntegerInstance(locale);
        return f.format(n.longValue());
    }

    public String dec(Object value, int digits) {
        if (value == null) {
            return "–";
        }
        Number n = value instanceof Number x ? x : Double.valueOf(value.toString());
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(n.doubleValue());
    }

    /** kbit/s as Mbit/s with one decimal. */
    public String mbps(Object kbps) {
        if (kbps == null) {
            return "–";
        }
        double v = ((Number) (kbps instanceof Number ? kbps : Double.valueOf(kbps.toString()))).doubleValue() / 1000.0;
        return dec(v, v >= 100 ? 0 : 1);
    }

    public String ms(Object value) {
        return value == null ? "–" : dec(value, 0);
    }

    /** A period label as people write it: 2026-11 → "11/2026" / "Nov 2026"; 2026-Q4 → "Quý 4/2026" / "Q4 2026". */
    public String period(String label) {
        if (label == null) {
            return "";
        }
        if (label.equals("last12m")) {
            return I18n.words(lang).get("period_last12m");
        }
        if (label.matches("\\d{4}-\\d{2}")) {
            YearMonth m = YearMonth.parse(label);
            return I18n.EN.equals(lang) ? m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + m.getYear()
                    : m.format(DateTimeFormatter.ofPattern("MM/yyyy"));
        }
        if (label.matches("\\d{4}-Q[1-4]")) {
            String q = label.substring(6);
            String y = label.substring(0, 4);
            return I18n.EN.equals(lang) ? "Q" + q + " " + y : "Quý " + q + "/" + y;
        }
        return label;
    }

    /** A month as a short axis label: "11/26" / "Nov". */
    public String monthShort(String label) {
        YearMonth m = YearMonth.parse(label);
        return I18n.EN.equals(lang) ? m.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                : String.format("%02d/%02d", m.getMonthValue(), m.getYear() % 100);
    }
}
