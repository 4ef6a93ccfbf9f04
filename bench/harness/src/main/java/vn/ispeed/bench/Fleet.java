package vn.ispeed.bench;

import org.locationtech.jts.geom.Coordinate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A simulated fleet of phones. Each device lives in a home commune sampled from the real
 * vn-2025 wards (urban wards and the two big cities weighted up) and sends fixed or mobile
 * tests with per-operator speed, latency and loss distributions (log-normal speeds and
 * latencies, mostly-zero loss), timestamps over recent days, and shares of tests without a
 * location, from abroad, re-sent (same testId) and invalid.
 */
public final class Fleet {
    /**
     * A phone: its home ward's code and {@value #SPOTS} spots inside it where it runs tests (a point of home plus a
     * few tens of metres of GPS noise, drawn when the fleet is built and kept only if inside the ward). No geometry:
     * the 163 MB of ward polygons would otherwise stay reachable for the whole run, and the harness's concurrent GC
     * kept marking them, 8 % of the machine's CPU during the load in a perf profile, taken from the system it measures.
     */
    public record Device(String installId, String homeCode, double[] spots, boolean hasFixedLine, String mobileOperator,
                         String fixedOperator) {
        /** Longitude and latitude of one of the spots. */
        Coordinate spot(Random random) {
            int i = random.nextInt(spots.length / 2) * 2;
            return new Coordinate(spots[i], spots[i + 1]);
        }
    }

    static final int SPOTS = 8;

    /** One test to send; {@code json} is the body, {@code kind} says what the harness expects of it. */
    /** A test to send; {@code installId} is what the app also sends in X-Install-Id (null for a hostile body). */
    public record Test(UUID testId, Kind kind, String json, String installId) {
    }

    public enum Kind { LOCATED_EXPECTED, NO_LOCATION, ABROAD, INVALID }

    public record Shares(double noLocation, double abroad, double resend, double invalid) {
        public static Shares defaults() {
            return new Shares(0.02, 0.01, 0.03, 0.02);
        }
    }

    record Operator(String code, double downMedianKbps, double sigma, double upRatio, double latencyMedianMs) {
    }

    private static final Operator[] MOBILE = {
            new Operator("452-04", 48_000, 0.7, 0.35, 32), new Operator("452-02", 42_000, 0.75, 0.35, 35),
            new Operator("452-01", 40_000, 0.75, 0.3, 36), new Operator("452-05", 15_000, 0.8, 0.3, 48)};
    private static final double[] MOBILE_SHARE = {0.50, 0.25, 0.20, 0.05};
    private static final Operator[] FIXED = {
            new Operator("AS7552", 185_000, 0.55, 0.85, 7), new Operator("AS45899", 160_000, 0.6, 0.8, 8),
            new Operator("AS18403", 210_000, 0.55, 0.9, 6), new Operator("AS45903", 140_000, 0.6, 0.8, 9)};
    private static final double[] FIXED_SHARE = {0.40, 0.30, 0.25, 0.05};

    /** Places abroad or at sea: Vientiane, Phnom Penh, Nanning, Bangkok, the East Sea, the Gulf of Thailand. */
    private static final double[][] ABROAD = {{17.9757, 102.6331}, {11.5564, 104.9282}, {22.8170, 108.3665},
            {13.7563, 100.5018}, {12.0, 111.0}, {9.0, 103.0}, {15.0, 113.5}};

    private final Random random;
    private final List<Device> devices;
    private final Shares shares;
    private final Instant now;
    private final int historyDays;
    private final List<Test> sentValid = new ArrayList<>();
    private final vn.ispeed.testsupport.fuzz.HostileRequests hostile;

    /** The days back the tests' timestamps go when not given: a week. */
    public static final int HISTORY_DAYS = 7;

    public Fleet(Wards wards, int deviceCount, Shares shares, long seed, Instant now) {
        this(wards, deviceCount, shares, seed, now, HISTORY_DAYS);
    }

    /** @param historyDays how many days back the tests' timestamps go (from a minute ago), uniformly */
    public Fleet(Wards wards, int deviceCount, Shares shares, long seed, Instant now, int historyDays) {
        this.random = new Random(seed);
        this.shares = shares;
        this.now = now;
        this.historyDays = historyDays;
        this.hostile = new vn.ispeed.testsupport.fuzz.HostileRequests(seed ^ 0x5eedL, now, 1 << 16);
        List<Wards.Ward> all = wards.all();
        double[] cumulative = new double[all.size()];
        double total = 0;
        for (int i = 0; i < all.size(); i++) {
            total += weight(all.get(i));
            cumulative[i] = total;
        }
        List<Device> list = new ArrayList<>(deviceCount);
        for (int d = 0; d < deviceCount; d++) {
            double r = random.nextDouble() * total;
            int idx = java.util.Arrays.binarySearch(cumulative, r);
            Wards.Ward home = all.get(idx < 0 ? Math.min(-idx - 1, all.size() - 1) : idx);
            String installId = "bench-" + seed + "-" + d + "-" + Long.toHexString(random.nextLong());
            Coordinate c = home.randomPoint(random);
            double[] spots = new double[2 * SPOTS];
            for (int i = 0; i < SPOTS; i++) {
                Coordinate jittered = new Coordinate(c.x + random.nextGaussian() * 0.0002, c.y + random.nextGaussian() * 0.0002);
                if (home.locator().locate(jittered) != org.locationtech.jts.geom.Location.INTERIOR) {
                    jittered = c;
                }
                spots[2 * i] = jittered.x;
                spots[2 * i + 1] = jittered.y;
            }
            list.add(new Device(installId, home.code(), spots, random.nextDouble() < 0.7, pick(MOBILE, MOBILE_SHARE).code(),
                    pick(FIXED, FIXED_SHARE).code()));
        }
        this.devices = List.copyOf(list);
    }

    /**
     * The same devices as {@code population}, sending tests of their own from {@code seed}: a warm-up of the devices
     * the run then measures, as the minutes before it, none of whose tests is re-sent in the run.
     */
    public Fleet(Fleet population, long seed) {
        this.random = new Random(seed);
        this.shares = population.shares;
        this.now = population.now;
        this.historyDays = population.historyDays;
        this.hostile = new vn.ispeed.testsupport.fuzz.HostileRequests(seed ^ 0x5eedL, now, 1 << 16);
        this.devices = population.devices;
    }

    /** Urban wards hold most users; Hà Nội and TP Hồ Chí Minh most of all. */
    static double weight(Wards.Ward w) {
        double base = switch (w.type().toLowerCase()) {
            case "phường" -> 6.0;
            case "đặc khu" -> 2.0;
            default -> 1.0;
        };
        return base * ("01".equals(w.provinceCode()) || "79".equals(w.provinceCode()) ? 2.5 : 1.0);
    }

    public List<Device> devices() {
        return devices;
    }

    /** The next test some device sends: new, re-sent, without location, abroad or invalid per the shares. */
    public Test next() {
        double r = random.nextDouble();
        if (r < shares.invalid()) {
            return new Test(null, Kind.INVALID, new String(hostile.invalidMeasurementJson(), java.nio.charset.StandardCharsets.UTF_8), null);
        }
        r -= shares.invalid();
        if (r < shares.resend() && !sentValid.isEmpty()) {
            return sentValid.get(random.nextInt(sentValid.size()));
        }
        Device device = devices.get(random.nextInt(devices.size()));
        Kind kind = Kind.LOCATED_EXPECTED;
        double k = random.nextDouble();
        if (k < shares.noLocation()) {
            kind = Kind.NO_LOCATION;
        } else if (k < shares.noLocation() + shares.abroad()) {
            kind = Kind.ABROAD;
        }
        Test test = build(device, kind);
        if (sentValid.size() < 200_000) {
            sentValid.add(test);
        } else {
            sentValid.set(random.nextInt(sentValid.size()), test);
        }
        return test;
    }

    private Test build(Device device, Kind kind) {
        UUID testId = new UUID(random.nextLong(), random.nextLong());
        boolean fixed = device.hasFixedLine() && random.nextDouble() < 0.55;
        Operator op = fixed ? find(FIXED, device.fixedOperator()) : find(MOBILE, device.mobileOperator());
        String technology;
        double down = op.downMedianKbps() * Math.exp(op.sigma() * random.nextGaussian());
        double latency = op.latencyMedianMs() * Math.exp(0.45 * random.nextGaussian());
        if (fixed) {
            technology = random.nextDouble() < 0.85 ? "WIFI" : "ETHERNET";
        } else {
            double t = random.nextDouble();
            technology = t < 0.15 ? "5G" : t < 0.95 ? "4G" : "3G";
            if (technology.equals("5G")) {
                down *= 4.5;
                latency *= 0.6;
            } else if (technology.equals("3G")) {
                down *= 0.12;
                latency *= 2.5;
            }
        }
        down = Math.min(down, 9_500_000);
        double up = Math.min(down * op.upRatio() * Math.exp(0.3 * random.nextGaussian()), 9_500_000);
        latency = Math.min(latency, 5_000);
        double jitter = latency * 0.15 * Math.exp(0.5 * random.nextGaussian());
        double loss = random.nextDouble() < 0.9 ? 0.0 : Math.min(100, -Math.log(1 - random.nextDouble()) * (fixed ? 0.5 : 1.5));
        Instant measuredAt = now.minusSeconds(60 + random.nextInt(historyDays * 86_400));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testId", testId.toString());
        m.put("installId", device.installId());
        m.put("measuredAt", measuredAt.toString());
        m.put("network", Map.of("type", fixed ? "FIXED" : "MOBILE", "technology", technology, "operator", op.code()));
        m.put("downloadKbps", round(down));
        m.put("uploadKbps", round(up));
        m.put("latencyMs", round(latency));
        m.put("jitterMs", round(jitter));
        m.put("packetLossPct", round(loss));
        if (kind == Kind.LOCATED_EXPECTED) {
            boolean gps = random.nextDouble() < 0.85;
            double accuracy = gps ? 5 + 20 * Math.exp(0.5 * random.nextGaussian()) : 150 + 300 * Math.exp(0.4 * random.nextGaussian());
            // a phone reports a point near home: a few tens of metres of GPS noise, kept inside the home ward
            Coordinate jittered = device.spot(random);
            m.put("location", Map.of("lat", round6(jittered.y), "lon", round6(jittered.x), "accuracyM", round(Math.min(accuracy, 1_500)),
                    "source", gps ? "GPS" : "NETWORK"));
        } else if (kind == Kind.ABROAD) {
            double[] p = ABROAD[random.nextInt(ABROAD.length)];
            m.put("location", Map.of("lat", p[0] + random.nextGaussian() * 0.01, "lon", p[1] + random.nextGaussian() * 0.01,
                    "accuracyM", 20.0, "source", "GPS"));
        }
        m.put("app", Map.of("platform", random.nextDouble() < 0.7 ? "ANDROID" : "IOS", "version", "3.2." + random.nextInt(5)));
        return new Test(testId, kind, new String(jsonOf(m), java.nio.charset.StandardCharsets.UTF_8), device.installId());
    }

    private static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private Operator pick(Operator[] ops, double[] shares) {
        double r = random.nextDouble();
        for (int i = 0; i < ops.length; i++) {
            r -= shares[i];
            if (r < 0) {
                return ops[i];
            }
        }
        return ops[ops.length - 1];
    }

    private static Operator find(Operator[] ops, String code) {
        for (Operator op : ops) {
            if (op.code().equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException(code);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static byte[] jsonOf(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
