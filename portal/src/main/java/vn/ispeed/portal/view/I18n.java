package vn.ispeed.portal.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The pages' words in Vietnamese (the default) and English, from {@code i18n/vi.properties} and
 * {@code i18n/en.properties} (UTF-8). Templates read them as {@code {t.key}}; a key missing from English
 * falls back to Vietnamese, a key missing from both shows as itself, so a gap is visible, never blank.
 */
public final class I18n {
    public static final String VI = "vi";
    public static final String EN = "en";
    private static final Map<String, Map<String, String>> BUNDLES = Map.of(VI, load(VI), EN, load(EN));

    private I18n() {
    }

    public static String lang(String requested) {
        return EN.equalsIgnoreCase(requested) ? EN : VI;
    }

    public static Locale locale(String lang) {
        return EN.equals(lang) ? Locale.forLanguageTag("en-GB") : Locale.forLanguageTag("vi-VN");
    }

    /** The words of one language, as a map a template can read with {@code t.key}. */
    public static Map<String, String> words(String lang) {
        Map<String, String> vi = BUNDLES.get(VI);
        Map<String, String> own = BUNDLES.get(lang(lang));
        return new HashMap<>(vi) {
            @Override
            public String get(Object key) {
                String v = own.get(key);
                if (v == null) {
                    v = vi.get(key);
                }
                return v == null ? String.valueOf(key) : v;
            }

            @Override
            public boolean containsKey(Object key) {
                return true;
            }
        };
    }

    private static Map<String, String> load(String lang) {
        Properties p = new Properties();
        try (InputStream in = I18n.class.getResourceAsStream("/i18n/" + lang + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("missing i18n/" + lang + ".properties");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new HashMap<>();
        p.forEach((k, v) -> m.put((String) k, (String) v));
        return Map.copyOf(m);
    }
}
