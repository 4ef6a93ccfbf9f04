package vn.ispeed.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * {@code ./bench/run portal}: how fast a department's province page is in a real browser with many facts in
 * stats. Optionally loads facts first ({@code --facts N}: located events straight into Kafka, {@link LocatedFlood}),
 * waits until stats-service holds them, logs in as {@code dept-hanoi} through Keycloak's form in Debian's headless
 * Chromium and loads {@code /provinces/01/detail} {@code --runs} times after one warm-up, reading Navigation Timing
 * and Largest Contentful Paint from the browser. Baseline in the same browser and session: the portal's 404 page
 * (same layout, CSS and script, no API call). Also the sizes on the wire: the page, JS + CSS, and geo-service's
 * commune boundaries of Hà Nội and of the largest province (68) as the portal asks for them, gzip.
 */
final class PortalBench {
    private PortalBench() {
    }

    static void run(String[] argv, Map<String, String> common) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("portal-url", System.getenv().getOrDefault("PORTAL_URL", "http://127.0.0.1:8085"));
        defaults.put("geo-url", common.get("geo-url"));
        defaults.put("bootstrap", common.get("bootstrap"));
        defaults.put("stats-jdbc", common.get("stats-jdbc"));
        defaults.put("db-user", common.get("db-user"));
        defaults.put("db-password", common.get("db-password"));
        defaults.put("geo-root", common.get("geo-root"));
        defaults.put("facts", "0");
        defaults.put("months", "11");
        defaults.put("runs", "7");
        defaults.put("province", "01");
        defaults.put("user", "dept-hanoi");
        defaults.put("out", common.get("out"));
        Args a = new Args(argv, 1, defaults);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("command", "./bench/run " + String.join(" ", argv));
        report.put("startedAt", java.time.Instant.now().toString());
        report.put("loadAverageAtStart", Files.readString(Path.of("/proc/loadavg")).trim());
        long before = facts(a);
        long add = Long.parseLong(a.get("facts"));
        if (add > 0) {
            System.out.printf("producing %,d located events (stats holds %,d facts)%n", add, before);
            long t0 = System.nanoTime();
            LocatedFlood.run(a.get("bootstrap"), Wards.load(Path.of(a.get("geo-root"))), add, a.integer("months"), System.currentTimeMillis());
            report.put("produceSeconds", Math.round((System.nanoTime() - t0) / 1e9));
            long target = before + add;
            long last = -1;
            long stalledSince = System.nanoTime();
            while (true) {
                long now = facts(a);
                if (now >= target) {
                    break;
                }
                if (now != last) {
                    last = now;
                    stalledSince = System.nanoTime();
                    System.out.printf("  stats holds %,d of %,d facts%n", now, target);
                } else if (System.nanoTime() - stalledSince > 300e9) {
                    throw new IllegalStateException("stats stopped at " + now + " facts");
                }
                Thread.sleep(10_000);
            }
            report.put("projectSeconds", Math.round((System.nanoTime() - t0) / 1e9));
        }
        report.put("factsInStats", facts(a));
        String portal = a.get("portal-url");
        String page = "/provinces/" + a.get("province") + "/detail";

        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        Path profile = Files.createTempDirectory("bench-chromium-");
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriver d = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build(), o);
        try {
            d.get(portal + page);
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> !x.findElements(By.id("username")).isEmpty());
            d.findElement(By.id("username")).sendKeys(a.get("user"));
            d.findElement(By.id("password")).sendKeys(a.get("user"));
            d.findElement(By.id("kc-login")).click();
            new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> x.getCurrentUrl().startsWith(portal + page));
            Map<String, Double> cold = measure(d, portal + page, 1, 0).get(0);
            report.put("firstLoadAfterLoginLandingMs", cold);
            List<Map<String, Double>> pageRuns = measure(d, portal + page, a.integer("runs"), 1);
            List<Map<String, Double>> baseRuns = measure(d, portal + "/no-such-page", a.integer("runs"), 1);
            report.put("page", page);
            report.put("pageTimingsMs", summary(pageRuns));
            report.put("baselineTimingsMs (404 page)", summary(baseRuns));
            double p = median(pageRuns, "domContentLoaded");
            double b = median(baseRuns, "domContentLoaded");
            report.put("interactiveMedianMs", Math.round(p));
            report.put("interactiveRatioToBaseline", Math.round(p / b * 10) / 10.0);
            report.put("lcpMedianMs", Math.round(median(pageRuns, "lcp")));
            String cookies = d.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
            Map<String, Object> sizes = new LinkedHashMap<>();
            sizes.put("page (HTML with the map), gzip bytes", gzipSize(portal + page, cookies));
            sizes.put("portal.js + portal.css, gzip bytes", gzipSize(portal + "/static/portal.js", null) + gzipSize(portal + "/static/portal.css", null));
            sizes.put("geo boundaries of 01 (tolerance 114 m, as the portal asks), gzip bytes",
                    gzipSize(a.get("geo-url") + "/api/v1/sets/vn-2025/boundaries?level=commune&parent=01&tolerance=114", null));
            sizes.put("geo boundaries of 68 (tolerance 324 m, as the portal asks), gzip bytes",
                    gzipSize(a.get("geo-url") + "/api/v1/sets/vn-2025/boundaries?level=commune&parent=68&tolerance=324", null));
            sizes.put("geo boundaries of 68 (geo default 75 m), gzip bytes",
                    gzipSize(a.get("geo-url") + "/api/v1/sets/vn-2025/boundaries?level=commune&parent=68", null));
            report.put("sizes", sizes);
        } finally {
            d.quit();
        }
        report.put("loadAverageAtEnd", Files.readString(Path.of("/proc/loadavg")).trim());
        String json = toJson(report);
        System.out.println(json);
        Path out = Path.of(a.get("out"));
        Files.createDirectories(out);
        Path file = out.resolve("portal-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.writeString(file, json);
        System.out.println("report: " + file);
    }

    /** Loads the URL warmups + runs times (the warm-ups are dropped); Navigation Timing and LCP of each run. */
    static List<Map<String, Double>> measure(ChromeDriver d, String url, int runs, int warmups) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (int i = 0; i < warmups + runs; i++) {
            d.get(url);
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) d.executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "var n = performance.getEntriesByType('navigation')[0];"
                            + "var lcp = 0;"
                            + "try { new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) { lcp = Math.max(lcp, e.startTime); }); })"
                            + ".observe({type: 'largest-contentful-paint', buffered: true}); } catch (e) {}"
                            + "setTimeout(function () { done({ttfb: n.responseStart, response: n.responseEnd,"
                            + " domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd, lcp: lcp,"
                            + " transfer: n.transferSize, decoded: n.decodedBodySize}); }, 300);");
            if (i >= warmups) {
                Map<String, Double> m = new LinkedHashMap<>();
                t.forEach((k, v) -> m.put(k, ((Number) v).doubleValue()));
                out.add(m);
            }
        }
        return out;
    }

    static Map<String, Object> summary(List<Map<String, Double>> runs) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String k : runs.get(0).keySet()) {
            List<Long> values = runs.stream().map(r -> Math.round(r.get(k))).sorted().toList();
            s.put(k, Map.of("median", values.get(values.size() / 2), "max", values.get(values.size() - 1)));
        }
        return s;
    }

    static double median(List<Map<String, Double>> runs, String key) {
        List<Double> v = runs.stream().map(r -> r.get(key)).sorted().toList();
        return v.get(v.size() / 2);
    }

    static long gzipSize(String url, String cookies) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip");
        if (cookies != null) {
            b.header("Cookie", cookies);
        }
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": HTTP " + r.statusCode());
        }
        if ("gzip".equals(r.headers().firstValue("Content-Encoding").orElse(""))) {
            return r.body().length;
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bytes)) {
            z.write(r.body());
        }
        return bytes.size();
    }

    static long facts(Args a) throws Exception {
        try (Connection c = DriverManager.getConnection(a.get("stats-jdbc"), a.get("db-user"), a.get("db-password"));
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM fact")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String toJson(Object o) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(o);
    }
}
