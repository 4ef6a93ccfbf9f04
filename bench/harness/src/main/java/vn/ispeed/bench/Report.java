package vn.ispeed.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run's figures, written as JSON (for tools) and Markdown (for people). */
public final class Report {
    private final Map<String, Object> sections = new LinkedHashMap<>();

    public void put(String section, Object value) {
        sections.put(section, value);
    }

    public Object get(String section) {
        return sections.get(section);
    }

    public Path write(Path dir, String name, String title, String command) throws IOException {
        Files.createDirectories(dir);
        sections.put("command", command);
        sections.put("machine", machine());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(dir.resolve(name + ".json"), json.writeValueAsString(sections));
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("Command: `").append(command).append("`\n\n");
        for (Map.Entry<String, Object> e : sections.entrySet()) {
            if (e.getKey().equals("command")) {
                continue;
            }
            md.append("## ").append(e.getKey()).append("\n\n");
            markdown(md, e.getValue(), "");
            md.append('\n');
        }
        Path out = dir.resolve(name + ".md");
        Files.writeString(out, md);
        return out;
    }

    private static void markdown(StringBuilder md, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof java.util.List<?>) {
                    md.append(indent).append("- ").append(e.getKey()).append(":\n");
                    markdown(md, e.getValue(), indent + "  ");
                } else {
                    md.append(indent).append("- ").append(e.getKey()).append(": ").append(format(e.getValue())).append('\n');
                }
            }
        } else if (value instanceof java.util.List<?> list) {
            for (Object item : list) {
                md.append(indent).append("- ").append(format(item)).append('\n');
            }
        } else {
            md.append(indent).append(format(value)).append('\n');
        }
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format("%,.0f", d) : String.format("%,.2f", d);
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format("%,d", ((Number) v).longValue());
        }
        return String.valueOf(v);
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.version"));
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    m.put("memory", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
        } catch (IOException ignored) {
            // not Linux: report what we have
        }
        return m;
    }
}
