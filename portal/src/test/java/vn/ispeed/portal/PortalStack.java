package vn.ispeed.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import vn.ispeed.testsupport.KafkaResource;
import vn.ispeed.testsupport.KeycloakResource;
import vn.ispeed.testsupport.Ports;
import vn.ispeed.testsupport.PostgresResource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The whole platform under the portal, real and started here: Kafka, PostgreSQL and Keycloak from test-support,
 * and ingest-, geo-, stats- and notify-service from their built jars on free ports. A known set of speed tests
 * goes in through ingest's public API (geo locates them, stats projects them), so the pages have figures:
 * Hoàn Kiếm (Hà Nội) and Bến Thành (TP Hồ Chí Minh) published for fixed broadband, two other Hà Nội communes
 * short of samples. The portal itself runs in the test JVM on a free port that is registered as a redirect URI
 * of the realm's {@code ispeed-portal} client (Keycloak matches redirect URIs exactly).
 */
public class PortalStack implements QuarkusTestResourceLifecycleManager {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final String HOAN_KIEM = "00070";
    static final String BEN_THANH = "26743";
    static final int HOAN_KIEM_FIXED_TESTS = 36;
    static final int SHORT_FIXED_TESTS = 10;
    static final int OTHER_SHORT_FIXED_TESTS = 4;

    static ServiceProcess ingest;
    static ServiceProcess geo;
    static ServiceProcess stats;
    static ServiceProcess notify;
    static int portalPort;
    /** Two Hà Nội communes left short of samples: 10 and 4 fixed tests. */
    static List<String> shortCommunes = new ArrayList<>();
    static Path root;

    @Override
    public Map<String, String> start() {
        root = Path.of("").toAbsolutePath().getParent();
        String geoRoot = System.getProperty("ispeed.geo.root", root.resolve("../shared/geo").toString());
        String kafka = KafkaResource.bootstrapServers();
        PostgresResource.createDatabase("stats");
        PostgresResource.createDatabase("notify");
        String keycloak = KeycloakResource.authServerUrl();
        portalPort = Ports.free();
        allowPortalRedirects(keycloak, "http://127.0.0.1:" + portalPort);

        Map<String, String> common = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka,
                "OIDC_AUTH_SERVER_URL", keycloak,
                "OIDC_CLIENT_ID", KeycloakResource.CLIENT_ID,
                "OIDC_CLIENT_SECRET", KeycloakResource.CLIENT_SECRET,
                "ISPEED_GEO_ROOT", geoRoot,
                "DB_USERNAME", PostgresResource.USER,
                "DB_USER", PostgresResource.USER,
                "DB_PASSWORD", PostgresResource.PASSWORD));
        int geoPort = Ports.free();
        int statsPort = Ports.free();
        Map<String, String> ingestEnv = new HashMap<>(common);
        ingestEnv.put("INGEST_DEVICE_HASH_SECRET", "portal-test-device-hash-secret-0123456789");
        Map<String, String> geoEnv = new HashMap<>(common);
        geoEnv.put("HOSTNAME", "portal-test-" + UUID.randomUUID());
        Map<String, String> statsEnv = new HashMap<>(common);
        statsEnv.put("DB_REACTIVE_URL", PostgresResource.reactiveUrl("stats"));
        statsEnv.put("DB_JDBC_URL", PostgresResource.jdbcUrl("stats"));
        statsEnv.put("GEO_SERVICE_URL", "http://127.0.0.1:" + geoPort);
        statsEnv.put("STATS_PROJECTION_PRELOAD_DAYS", "0");
        Map<String, String> notifyEnv = new HashMap<>(common);
        notifyEnv.put("DB_REACTIVE_URL", PostgresResource.reactiveUrl("notify"));
        notifyEnv.put("DB_JDBC_URL", PostgresResource.jdbcUrl("notify"));
        notifyEnv.put("STATS_URL", "http://127.0.0.1:" + statsPort);
        notifyEnv.put("SMTP_HOST", "127.0.0.1");
        notifyEnv.put("SMTP_PORT", String.valueOf(Ports.free()));
        notifyEnv.put("PORTAL_URL", "http://127.0.0.1:" + portalPort);

        geo = ServiceProcess.start(root, "geo-service", geoPort, "1536m", geoEnv);
        stats = ServiceProcess.start(root, "stats-service", statsPort, "768m", statsEnv);
        ingest = ServiceProcess.start(root, "ingest-service", Ports.free(), "384m", ingestEnv);
        notify = ServiceProcess.start(root, "notify-service", Ports.free(), "384m", notifyEnv);
        for (ServiceProcess s : List.of(ingest, stats, notify, geo)) {
            s.awaitReady(Duration.ofMinutes(5));
        }
        seed();
        return Map.of(
                "quarkus.http.test-port", String.valueOf(portalPort),
                "quarkus.http.host", "127.0.0.1",
                "quarkus.oidc.auth-server-url", keycloak,
                "quarkus.oidc.client-id", "ispeed-portal",
                "quarkus.oidc.credentials.secret", "ispeed-portal-secret",
                "quarkus.rest-client.stats.url", stats.url(),
                "quarkus.rest-client.geo.url", geo.url(),
                "quarkus.rest-client.notify.url", notify.url());
    }

    @Override
    public void stop() {
        for (ServiceProcess s : new ServiceProcess[] {notify, ingest, stats, geo}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    /** Adds the test portal's address to the client's redirect and post-logout URIs (Keycloak admin API). */
    static void allowPortalRedirects(String realmUrl, String portal) {
        String base = realmUrl.substring(0, realmUrl.indexOf("/realms/"));
        String admin = form(base + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin")).path("access_token").asText();
        JsonNode clients = get(base + "/admin/realms/ispeed/clients?clientId=ispeed-portal", admin);
        ObjectNode client = (ObjectNode) clients.get(0);
        ArrayNode uris = (ArrayNode) client.get("redirectUris");
        uris.add(portal + "/*");
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        attributes.put("post.logout.redirect.uris", attributes.path("post.logout.redirect.uris").asText() + "##" + portal + "/*");
        send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/ispeed/clients/" + client.get("id").asText()))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(client.toString())).build(), 204);
    }

    /**
     * Speed tests through ingest's public batch API: Hoàn Kiếm 36 fixed tests from 12 phones (published: a
     * commune needs 30 tests from 10 devices) and 12 mobile tests; two other Hà Nội communes 10 and 4 fixed
     * tests (short); Bến Thành (HCM) 35 fixed tests from 12 phones. Waits until stats counts every one.
     */
    void seed() {
        Random random = new Random(20);
        List<ObjectNode> tests = new ArrayList<>();
        add(tests, random, 21.0288, 105.8525, HOAN_KIEM_FIXED_TESTS, 12, "FIXED", "hk");
        add(tests, random, 21.0290, 105.8527, 12, 6, "MOBILE", "hkm");
        add(tests, random, 10.7725, 106.6980, 35, 12, "FIXED", "bt");
        JsonNode hanoi = get(geo.url() + "/api/v1/sets/vn-2025/boundaries?level=commune&parent=01", null);
        int[] counts = {SHORT_FIXED_TESTS, OTHER_SHORT_FIXED_TESTS};
        for (JsonNode f : hanoi.path("features")) {
            String code = f.path("properties").path("code").asText();
            if (code.equals(HOAN_KIEM) || shortCommunes.size() == 2) {
                continue;
            }
            try {
                Geometry g = multiPolygon(f.path("geometry"));
                Coordinate c = g.getInteriorPoint().getCoordinate();
                JsonNode located = get(geo.url() + "/api/v1/locate?set=vn-2025&lat=" + c.y + "&lon=" + c.x, null);
                if (!located.toString().contains("\"" + code + "\"")) {
                    continue; // the simplified outline's inside point fell outside the real one
                }
                add(tests, random, c.y, c.x, counts[shortCommunes.size()], 4, "FIXED", "s" + shortCommunes.size());
                shortCommunes.add(code);
            } catch (Exception e) {
                throw new IllegalStateException("cannot place a test in " + code + ": " + e.getMessage(), e);
            }
        }
        ArrayNode batch = JSON.createArrayNode();
        for (ObjectNode t : tests) {
            batch.add(t);
            if (batch.size() == 100) {
                post(batch);
                batch = JSON.createArrayNode();
            }
        }
        if (!batch.isEmpty()) {
            post(batch);
        }
        String ministry = KeycloakResource.accessToken("ministry", "ministry");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            long hk = get(stats.url() + "/api/v1/stats/vn-2025/units/" + HOAN_KIEM + "?network=fixed&period=last12m", ministry).path("tests").asLong();
            long bt = get(stats.url() + "/api/v1/stats/vn-2025/units/" + BEN_THANH + "?network=fixed&period=last12m", ministry).path("tests").asLong();
            long s0 = get(stats.url() + "/api/v1/stats/vn-2025/units/" + shortCommunes.get(1) + "?network=fixed&period=last12m", ministry)
                    .path("tests").asLong();
            if (hk == HOAN_KIEM_FIXED_TESTS && bt == 35 && s0 == OTHER_SHORT_FIXED_TESTS) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stats did not count the seeded tests: Hoàn Kiếm " + hk + ", Bến Thành " + bt + ", " + s0);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A GeoJSON MultiPolygon as a JTS geometry (outer rings and holes). */
    static Geometry multiPolygon(JsonNode geometry) {
        GeometryFactory gf = new GeometryFactory();
        List<Polygon> polygons = new ArrayList<>();
        for (JsonNode poly : geometry.path("coordinates")) {
            LinearRing shell = null;
            List<LinearRing> holes = new ArrayList<>();
            for (JsonNode ring : poly) {
                Coordinate[] cs = new Coordinate[ring.size()];
                for (int i = 0; i < cs.length; i++) {
                    cs[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
                }
                LinearRing r = gf.createLinearRing(cs);
                if (shell == null) {
                    shell = r;
                } else {
                    holes.add(r);
                }
            }
            polygons.add(gf.createPolygon(shell, holes.toArray(new LinearRing[0])));
        }
        return gf.createMultiPolygon(polygons.toArray(new Polygon[0]));
    }

    private static void add(List<ObjectNode> tests, Random random, double lat, double lon, int n, int devices, String network, String device) {
        for (int i = 0; i < n; i++) {
            ObjectNode t = JSON.createObjectNode();
            t.put("testId", UUID.randomUUID().toString());
            t.put("installId", "portal-test-" + device + "-" + (i % devices));
            t.put("measuredAt", Instant.now().minusSeconds(60 + random.nextInt(1800)).toString());
            ObjectNode net = t.putObject("network");
            net.put("type", network);
            net.put("technology", network.equals("FIXED") ? "WIFI" : "4G");
            net.put("operator", network.equals("FIXED") ? "FPT Telecom" : "452-04");
            t.put("downloadKbps", Math.round(80_000 + random.nextGaussian() * 15_000));
            t.put("uploadKbps", Math.round(60_000 + random.nextGaussian() * 10_000));
            t.put("latencyMs", 8 + random.nextInt(20));
            t.put("jitterMs", 1.5);
            t.put("packetLossPct", 0);
            ObjectNode loc = t.putObject("location");
            loc.put("lat", lat + random.nextGaussian() * 0.00005);
            loc.put("lon", lon + random.nextGaussian() * 0.00005);
            loc.put("accuracyM", 10);
            loc.put("source", "GPS");
            ObjectNode app = t.putObject("app");
            app.put("platform", "ANDROID");
            app.put("version", "3.2.1");
            tests.add(t);
        }
    }

    private static void post(ArrayNode batch) {
        JsonNode answer = parse(send(HttpRequest.newBuilder(URI.create(ingest.url() + "/api/v1/measurements/batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), 200));
        for (JsonNode r : answer.path("results").isMissingNode() ? answer : answer.path("results")) {
            if (r.toString().contains("REJECTED")) {
                throw new IllegalStateException("ingest refused a seeded test: " + r);
            }
        }
    }

    static JsonNode get(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return parse(send(b.build(), 200));
    }

    static JsonNode form(String url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return parse(send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), 200));
    }

    static String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
