package vn.ispeed.ingest.operator;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps what an app reports as its operator (an MCC-MNC such as {@code 452-04}, an AS number
 * such as {@code AS7552}, or an ISP name such as {@code FPT Telecom}) to a catalogue id.
 * Names match case-, diacritic- and punctuation-insensitively, first as given and then without
 * generic words ("telecom", "JSC", "Tập đoàn"...). An unknown operator is kept as given.
 */
public final class OperatorCatalog {
    private static final Pattern MCC_MNC = Pattern.compile("(\\d{3})[-\\s/]?(\\d{2,3})");
    private static final Pattern ASN = Pattern.compile("(?i)AS\\s*(\\d{1,10})");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Set<String> GENERIC_WORDS = Set.of(
            "telecom", "telecommunication", "telecommunications", "corp", "corporation", "jsc", "co", "company",
            "ltd", "limited", "group", "joint", "stock", "network", "networks", "isp", "vietnam", "viet", "nam",
            "vn", "cong", "ty", "tap", "doan", "vien", "thong", "the", "of", "and", "inc");

    /** One catalogue entry as configured. */
    public record Entry(String id, String name, List<String> aliases, List<String> mccMnc, List<String> asn) {
    }

    /** What the catalogue made of an operator. */
    public record Resolved(String operator, String operatorRaw, boolean known) {
    }

    private final Map<String, String> byCode = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Map<String, String> byCoreName = new HashMap<>();

    public OperatorCatalog(List<Entry> entries) {
        for (Entry e : entries) {
            e.mccMnc().forEach(code -> put(byCode, canonicalCode(code), e.id()));
            e.asn().forEach(asn -> put(byCode, canonicalCode(asn), e.id()));
            put(byName, normalise(e.name()), e.id());
            put(byName, normalise(e.id()), e.id());
            e.aliases().forEach(alias -> put(byName, normalise(alias), e.id()));
        }
        // generic-word-stripped names, only where unambiguous
        Map<String, String> core = new HashMap<>();
        Set<String> ambiguous = new java.util.HashSet<>();
        byName.forEach((name, id) -> {
            String c = withoutGenericWords(name);
            if (!c.isEmpty()) {
                String prev = core.putIfAbsent(c, id);
                if (prev != null && !prev.equals(id)) {
                    ambiguous.add(c);
                }
            }
        });
        ambiguous.forEach(core::remove);
        byCoreName.putAll(core);
    }

    private static void put(Map<String, String> map, String key, String id) {
        if (key == null || key.isEmpty()) {
            return;
        }
        String previous = map.putIfAbsent(key, id);
        if (previous != null && !previous.equals(id)) {
            throw new IllegalArgumentException("operator catalogue: '" + key + "' belongs to both "
                    + previous + " and " + id);
        }
    }

    public Resolved resolve(String reported) {
        String raw = reported.strip();
        String code = canonicalCode(raw);
        String id = code == null ? null : byCode.get(code);
        if (id == null) {
            String name = normalise(raw);
            id = byName.get(name);
            if (id == null) {
                id = byCoreName.get(withoutGenericWords(name));
            }
        }
        if (id == null) {
            return new Resolved(code != null ? code : raw, reported, false);
        }
        return new Resolved(id, reported, true);
    }

    public int size() {
        return (int) byName.values().stream().distinct().count();
    }

    /** {@code 45204} / {@code 452 04} → {@code 452-04}; {@code as 7552} → {@code AS7552}; otherwise null. */
    static String canonicalCode(String text) {
        String t = text.strip();
        Matcher m = MCC_MNC.matcher(t);
        if (m.matches()) {
            return m.group(1) + "-" + m.group(2);
        }
        m = ASN.matcher(t);
        if (m.matches()) {
            return "AS" + Long.parseLong(m.group(1));
        }
        return null;
    }

    static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replace('đ', 'd');
        String stripped = MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
        return NON_ALNUM.matcher(stripped).replaceAll(" ").strip();
    }

    private static String withoutGenericWords(String normalised) {
        StringBuilder sb = new StringBuilder();
        for (String word : normalised.split(" ")) {
            if (!word.isEmpty() && !GENERIC_WORDS.contains(word)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(word);
            }
        }
        return sb.toString();
    }
}
