package vn.ispeed.notify.geo;

import java.text.Normalizer;

/** Vietnamese without diacritics, for the English name of a unit that has none in the data. */
final class Ascii {
    private Ascii() {
    }

    static String fold(String text) {
        String decomposed = Normalizer.normalize(text.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }
}
