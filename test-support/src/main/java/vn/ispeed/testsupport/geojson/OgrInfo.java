package vn.ispeed.testsupport.geojson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GDAL's {@code ogrinfo} (Debian {@code gdal-bin}) as an outside judge of GeoJSON: it parses the file with GDAL's
 * GeoJSON driver and asks SpatiaLite (GEOS) which geometries are valid and which polygons have counterclockwise
 * exterior rings and clockwise holes ({@code ST_IsPolygonCCW}), as RFC 7946 §3.1.6 says. Missing, it fails the test
 * with the command that installs it, and never skips.
 */
public final class OgrInfo {
    private static final Pattern FIELD = Pattern.compile("^\\s+(\\w+) \\(\\w+\\) = (.*)$");

    /**
     * What GDAL found in one file.
     *
     * @param features   features read
     * @param geometries features with a geometry
     * @param valid      geometries GEOS finds valid
     * @param ccw        valid polygonal geometries whose exterior rings are counterclockwise and holes clockwise
     * @param invalid    the first invalid ones: the value of {@code idField} and GEOS's reason
     */
    public record Report(long features, long geometries, long valid, long ccw, Map<String, String> invalid) {
    }

    private OgrInfo() {
    }

    /** Fails (AssertionError) with how to install it when {@code ogrinfo} is not on the PATH. */
    public static void requireInstalled() {
        try {
            run(List.of("ogrinfo", "--version"));
        } catch (IOException e) {
            throw new AssertionError("GDAL's ogrinfo is not installed, and the GeoJSON tests need it: "
                    + "apt-get install -y gdal-bin (.ci/run installs it when it is missing)", e);
        }
    }

    /** Checks every feature of a GeoJSON file; {@code idField} names the property reported for invalid ones. */
    public static Report check(Path geojson, String idField) {
        requireInstalled();
        String layer = layerName(geojson);
        Map<String, String> totals = fields(query(geojson, "SELECT count(*) AS features, "
                + "sum(geometry IS NOT NULL) AS geometries, sum(ST_IsValid(geometry) = 1) AS valid, "
                + "sum(ST_IsValid(geometry) = 1 AND ST_IsPolygonCCW(geometry) = 1) AS ccw FROM \"" + layer + "\"")).get(0);
        Map<String, String> invalid = new LinkedHashMap<>();
        for (Map<String, String> row : fields(query(geojson, "SELECT \"" + idField + "\" AS id, ST_IsValidReason(geometry) AS reason "
                + "FROM \"" + layer + "\" WHERE geometry IS NOT NULL AND ST_IsValid(geometry) <> 1 LIMIT 20"))) {
            invalid.put(row.get("id"), row.get("reason"));
        }
        return new Report(number(totals.get("features")), number(totals.get("geometries")), number(totals.get("valid")),
                number(totals.get("ccw")), invalid);
    }

    private static String layerName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static long number(String value) {
        return value == null || value.isBlank() || value.equals("(null)") ? 0 : Long.parseLong(value.trim());
    }

    private static String query(Path geojson, String sql) {
        try {
            return run(List.of("ogrinfo", "-ro", "-q", "-dialect", "sqlite", "-sql", sql, geojson.toString()));
        } catch (IOException e) {
            throw new AssertionError("ogrinfo failed on " + geojson + ": " + e.getMessage(), e);
        }
    }

    /** The features of ogrinfo's text output, each as field name → value. */
    private static List<Map<String, String>> fields(String output) {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, String> row = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("OGRFeature(")) {
                row = new LinkedHashMap<>();
                rows.add(row);
            } else if (row != null) {
                Matcher m = FIELD.matcher(line);
                if (m.matches()) {
                    row.put(m.group(1), m.group(2));
                }
            }
        }
        return rows;
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Writes a body to a file named after the layer GDAL should see (letters, digits and dashes). */
    public static Path write(Path dir, String layer, byte[] body) {
        try {
            return Files.write(dir.resolve(layer + ".geojson"), body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
