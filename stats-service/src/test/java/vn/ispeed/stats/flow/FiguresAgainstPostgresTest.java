package vn.ispeed.stats.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.cell.CellKey;
import vn.ispeed.stats.cell.Quantiles;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;
import vn.ispeed.stats.support.FakeGeoService;
import vn.ispeed.stats.support.RealisticTests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every stored cell of a projection over a realistic month, through real Kafka and PostgreSQL and the real
 * projection, against PostgreSQL's own answer over the stored facts of that cell: {@code percentile_cont} for the
 * median, p10 and p90 of download, upload and latency and the medians of jitter and loss, {@code avg} for the means,
 * {@code count(*)} and {@code count(DISTINCT device_id)}. Cells of at most {@link Quantiles#EXACT_LIMIT} tests must
 * agree to the last bit, larger ones within the sketch's 0.5 %. The largest relative error per band of cell sizes is
 * printed (stats-service/README.md, "One definition of a quantile"). The exports carry the API's figures.
 */
@QuarkusTest
class FiguresAgainstPostgresTest {
    /** 16 October to 15 November 2027 in Vietnam: two months and a quarter derived from both, used by no other test. */
    private static final Instant FROM = Instant.parse("2027-10-15T17:00:00Z");
    private static final long SECONDS = 31L * 24 * 3600;
    private static final String[] PERIODS = {"2027-10", "2027-11", "2027-Q4"};
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bands of cell sizes (tests) for the report: the upper bound of each. */
    private static final long[] BANDS = {1, 9, 29, 99, Quantiles.EXACT_LIMIT, 2_000, Long.MAX_VALUE};
    private static final String[] FIGURES = {"dl_median", "dl_p10", "dl_p90", "ul_median", "ul_p10", "ul_p90",
        "lat_median", "lat_p10", "lat_p90", "jitter_median", "loss_median"};
    private static final String[] MEANS = {"dl_mean", "ul_mean", "lat_mean"};

    @Inject
    UnitCatalogue catalogue;

    private static boolean sent;

    private void sendOnce() {
        synchronized (FiguresAgainstPostgresTest.class) {
            if (!sent) {
                sendRealisticMonth();
                sent = true;
            }
        }
    }

    private void sendRealisticMonth() {
        List<LocationEvent> events = new ArrayList<>();
        RealisticTests.generate(catalogue, new RealisticTests.Plan(12_000, 150, 1.1, FROM, SECONDS, 0.3, 2027),
                pair -> {
                    events.add(pair.vn2025());
                    events.add(pair.vn2024());
                });
        Events.send(events);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(Db::projectedToEnd);
    }

    /** A stored cell's figures, or PostgreSQL's for the same tests: by column name. */
    private record Row(long tests, long devices, Map<String, Double> figures) {
    }

    @Test
    void everyCellAgreesWithPercentileContOverItsFacts() throws Exception {
        sendOnce();
        Map<String, Row> stored = stored();
        Map<String, Row> expected = expected();
        assertThat(stored.keySet()).as("the cells stored are the cells the facts make").isEqualTo(expected.keySet());
        assertThat(stored).hasSizeGreaterThan(2_000);

        // [band][figure]: the largest relative error; figures, then the means, then devices
        double[][] worst = new double[BANDS.length][FIGURES.length + 2];
        int[] cells = new int[BANDS.length];
        int[] odd = new int[BANDS.length];
        List<String> failures = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Row want = e.getValue();
            Row got = stored.get(e.getKey());
            int band = band(want.tests());
            cells[band]++;
            odd[band] += (int) (want.tests() % 2);
            if (got.tests() != want.tests()) {
                failures.add(e.getKey() + ": tests " + got.tests() + " != " + want.tests());
            }
            for (int i = 0; i < FIGURES.length; i++) {
                double error = relative(got.figures().get(FIGURES[i]), want.figures().get(FIGURES[i]));
                worst[band][i] = Math.max(worst[band][i], error);
                double allowed = want.tests() <= Quantiles.EXACT_LIMIT ? 0 : Quantiles.RELATIVE_ACCURACY + 1e-12;
                if (!(error <= allowed)) {
                    failures.add(e.getKey() + " (" + want.tests() + " tests): " + FIGURES[i] + " " + got.figures().get(FIGURES[i])
                            + " against percentile_cont " + want.figures().get(FIGURES[i]));
                }
            }
            for (String mean : MEANS) {
                double error = relative(got.figures().get(mean), want.figures().get(mean));
                worst[band][FIGURES.length] = Math.max(worst[band][FIGURES.length], error);
                if (!(error <= 1e-9)) {
                    failures.add(e.getKey() + ": " + mean + " " + got.figures().get(mean) + " against avg " + want.figures().get(mean));
                }
            }
            double devices = relative((double) got.devices(), (double) want.devices());
            worst[band][FIGURES.length + 1] = Math.max(worst[band][FIGURES.length + 1], devices);
            // exact while the device sketch lists its devices (DistinctDevicesTest), then HLL's 1.6 % standard error
            if (want.devices() <= 300 ? got.devices() != want.devices() : devices > 4 * 0.016) {
                failures.add(e.getKey() + ": devices " + got.devices() + " against count(DISTINCT) " + want.devices());
            }
        }
        report(cells, odd, worst);
        assertThat(failures).as("cells that disagree with PostgreSQL").isEmpty();
        for (int band = 0; band < BANDS.length; band++) {
            assertThat(cells[band]).as("cells of at most %d tests", BANDS[band]).isPositive();
            if (band > 0) { // one test is always odd
                assertThat(odd[band]).as("odd counts of at most %d tests", BANDS[band]).isPositive();
                assertThat(odd[band]).as("even counts of at most %d tests", BANDS[band]).isLessThan(cells[band]);
            }
        }
    }

    @Test
    void theExportsCarryTheApisFigures() throws Exception {
        sendOnce();
        List<String> provinces = catalogue.set("vn-2025").orElseThrow().atLevel(Unit.PROVINCE).stream().map(Unit::code).toList();
        FakeGeoService.serveSquares("province", provinces);
        int compared = 0;
        for (String network : new String[] {"fixed", "mobile"}) {
            for (String level : new String[] {"commune", "province"}) {
                String csv = given().queryParam("level", level).queryParam("network", network).queryParam("period", "2027-10")
                        .get("/api/v1/stats/vn-2025/export.csv").then().statusCode(200).extract().asString();
                String[] lines = csv.split("\r\n");
                List<String> header = List.of(lines[0].split(","));
                for (int i = 1; i < lines.length; i++) {
                    String[] f = lines[i].split(",");
                    JsonNode api = api(f[header.indexOf("unit_code")], network);
                    assertThat(api.path("status").asText()).isEqualTo("PUBLISHED");
                    assertThat(Long.parseLong(f[header.indexOf("tests")])).isEqualTo(api.path("tests").asLong());
                    assertThat(Long.parseLong(f[header.indexOf("devices")])).isEqualTo(api.path("devices").asLong());
                    for (String metric : new String[] {"download", "upload", "latency"}) {
                        String unit = metric.equals("latency") ? "ms" : "kbps";
                        JsonNode stat = api.path(metric + (unit.equals("ms") ? "Ms" : "Kbps"));
                        for (String figure : new String[] {"median", "mean", "p10", "p90"}) {
                            assertThat(Double.parseDouble(f[header.indexOf(metric + "_" + figure + "_" + unit)]))
                                    .as("%s %s_%s", f[1], metric, figure).isEqualTo(stat.path(figure).asDouble());
                        }
                    }
                    assertThat(Double.parseDouble(f[header.indexOf("jitter_median_ms")])).isEqualTo(api.path("jitterMedianMs").asDouble());
                    assertThat(Double.parseDouble(f[header.indexOf("loss_median_pct")])).isEqualTo(api.path("lossMedianPct").asDouble());
                    compared++;
                }
            }
            JsonNode geojson = JSON.readTree(given().queryParam("level", "province").queryParam("network", network)
                    .queryParam("period", "2027-10").get("/api/v1/stats/vn-2025/export.geojson").then().statusCode(200)
                    .extract().asString());
            assertThat(geojson.path("features").size()).isPositive();
            for (JsonNode feature : geojson.path("features")) {
                JsonNode props = feature.path("properties");
                JsonNode api = api(feature.path("id").asText(), network);
                for (String field : new String[] {"tests", "devices", "downloadKbps", "uploadKbps", "latencyMs",
                    "jitterMedianMs", "lossMedianPct"}) {
                    assertThat(props.path(field)).as("%s %s", feature.path("id").asText(), field).isEqualTo(api.path(field));
                }
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20);
    }

    private static JsonNode api(String unit, String network) throws Exception {
        return JSON.readTree(given().queryParam("network", network).queryParam("period", "2027-10")
                .get("/api/v1/stats/vn-2025/units/" + unit).then().statusCode(200).extract().asString());
    }

    private static int band(long tests) {
        int b = 0;
        while (tests > BANDS[b]) {
            b++;
        }
        return b;
    }

    private static double relative(Double got, Double want) {
        if (want == null || got == null) {
            return want == null && got == null ? 0 : Double.POSITIVE_INFINITY;
        }
        if (want == 0) {
            return Math.abs(got);
        }
        return Math.abs(got - want) / Math.abs(want);
    }

    private static void report(int[] cells, int[] odd, double[][] worst) {
        StringBuilder sb = new StringBuilder("\nLargest relative error against PostgreSQL, by cell size (tests):\n");
        sb.append("| tests | cells (odd) | median | p10 | p90 | jitter, loss medians | means | devices |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (int b = 0; b < BANDS.length; b++) {
            long low = b == 0 ? 1 : BANDS[b - 1] + 1;
            String range = BANDS[b] == Long.MAX_VALUE ? "> " + (low - 1) : low == BANDS[b] ? String.valueOf(low) : low + "–" + BANDS[b];
            double median = Math.max(worst[b][0], Math.max(worst[b][3], worst[b][6]));
            double p10 = Math.max(worst[b][1], Math.max(worst[b][4], worst[b][7]));
            double p90 = Math.max(worst[b][2], Math.max(worst[b][5], worst[b][8]));
            sb.append(String.format("| %s | %,d (%,d) | %s | %s | %s | %s | %s | %s |%n", range, cells[b], odd[b], pct(median),
                    pct(p10), pct(p90), pct(Math.max(worst[b][9], worst[b][10])), pct(worst[b][11]), pct(worst[b][12])));
        }
        System.out.println(sb);
    }

    private static String pct(double relative) {
        return relative == 0 ? "0" : String.format("%.2g %%", 100 * relative);
    }

    private static Map<String, Row> stored() throws SQLException {
        Map<String, Row> out = new TreeMap<>();
        try (Connection c = Db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cell_key, tests, devices, " + String.join(", ", FIGURES) + ", "
                     + String.join(", ", MEANS) + " FROM cell WHERE period IN ('2027-10', '2027-11', '2027-Q4')"
                     + " OR (period_kind = 'DAY' AND period BETWEEN '2027-10-16' AND '2027-11-15')")) {
            while (rs.next()) {
                out.put(rs.getString(1), row(rs));
            }
        }
        return out;
    }

    private static Row row(ResultSet rs) throws SQLException {
        Map<String, Double> figures = new LinkedHashMap<>();
        int i = 4;
        for (String f : FIGURES) {
            figures.put(f, rs.getObject(i++, Double.class));
        }
        for (String m : MEANS) {
            figures.put(m, rs.getObject(i++, Double.class));
        }
        return new Row(rs.getLong(2), rs.getLong(3), figures);
    }

    /**
     * PostgreSQL's figures for every cell the facts make: per set, level, unit, network, for all operators
     * (months, quarters, and the nation's days) and per known operator (months). The generator names the operators
     * it leaves out of the catalogue {@code unknown-*}; they count in all operators only.
     */
    private static Map<String, Row> expected() throws SQLException {
        String local = "(measured_at AT TIME ZONE 'Asia/Ho_Chi_Minh')";
        String[][] levels = {{"'VN'", "true"}, {"province_code", "true"}, {"district_code", "district_code IS NOT NULL"},
            {"commune_code", "commune_code IS NOT NULL"}};
        List<String> selects = new ArrayList<>();
        for (String[] level : levels) {
            boolean nation = level[0].equals("'VN'");
            List<String[]> periods = new ArrayList<>(List.of(new String[] {"to_char(" + local + ", 'YYYY-MM')", "'ALL'"},
                    new String[] {"to_char(" + local + ", 'YYYY-MM')", "operator"},
                    new String[] {"to_char(" + local + ", 'YYYY-\"Q\"Q')", "'ALL'"}));
            if (nation) {
                periods.add(new String[] {"to_char(" + local + ", 'YYYY-MM-DD')", "'ALL'"});
            }
            for (String[] p : periods) {
                String where = level[1] + (p[1].equals("operator") ? " AND operator NOT LIKE 'unknown-%'" : "");
                selects.add("SELECT boundary_set, " + level[0] + " AS unit, network, " + p[1] + " AS op, " + p[0] + " AS period,"
                        + " count(*), count(DISTINCT device_id),"
                        + cont("download_kbps") + ", " + cont("upload_kbps") + ", " + cont("latency_ms") + ","
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY jitter_ms), percentile_cont(0.5) WITHIN GROUP (ORDER BY loss_pct),"
                        + " avg(download_kbps), avg(upload_kbps), avg(latency_ms)"
                        + " FROM fact WHERE measured_at >= '2027-10-15T17:00:00Z' AND measured_at < '2027-11-15T17:00:00Z'"
                        + " AND " + where + " GROUP BY 1, 2, 3, 4, 5");
            }
        }
        Map<String, Row> out = new TreeMap<>();
        try (Connection c = Db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(String.join(" UNION ALL ", selects))) {
            while (rs.next()) {
                Map<String, Double> figures = new LinkedHashMap<>();
                int i = 8;
                for (String f : FIGURES) {
                    figures.put(f, rs.getObject(i++, Double.class));
                }
                for (String m : MEANS) {
                    figures.put(m, rs.getObject(i++, Double.class));
                }
                out.put(CellKey.key(rs.getString(1), rs.getString(2), NetworkType.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getString(5)), new Row(rs.getLong(6), rs.getLong(7), figures));
            }
        }
        return out;
    }

    private static String cont(String column) {
        return "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + column + "), percentile_cont(0.1) WITHIN GROUP (ORDER BY "
                + column + "), percentile_cont(0.9) WITHIN GROUP (ORDER BY " + column + ")";
    }
}
