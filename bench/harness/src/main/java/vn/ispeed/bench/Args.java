package vn.ispeed.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options with defaults; an unknown option is an error, not a silent default. */
final class Args {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> known = new HashMap<>();

    Args(String[] argv, int from, Map<String, String> defaults) {
        known.putAll(defaults);
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.length) {
                value = argv[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!known.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + String.join(", ", known.keySet()));
            }
            values.put(name, value);
        }
    }

    String get(String name) {
        return values.getOrDefault(name, known.get(name));
    }

    int integer(String name) {
        return Integer.parseInt(get(name));
    }

    long number(String name) {
        return Long.parseLong(get(name));
    }

    double real(String name) {
        return Double.parseDouble(get(name));
    }
}
