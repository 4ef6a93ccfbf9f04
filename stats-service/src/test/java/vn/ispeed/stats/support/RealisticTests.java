package vn.ispeed.stats.support;

import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tests shaped like the programme's, located in both sets: the model of the stats benchmark and the e2e fleet.
 * Communes get volumes ∝ 1/rank^{@code skew} over a seeded shuffle of the communes taken; 55 % mobile; operators by
 * market share (2 % unknown to the catalogue); each commune has a pool of devices (about one per six tests, at least
 * eight); speeds and latencies log-normal per network, jitter proportional to latency, loss zero for 90 % of tests;
 * every metric to 0.1, as the apps send them; some tests without jitter or loss. The same test is located in
 * vn-2025 (to its commune) and in vn-2024, where its path stops at the commune, the district or the province in the
 * shares given.
 */
public final class RealisticTests {
    private static final String[] MOBILE = {"viettel", "vinaphone", "mobifone", "vietnamobile"};
    private static final double[] MOBILE_SHARE = {0.55, 0.22, 0.20, 0.03};
    private static final String[] FIXED = {"viettel", "vnpt", "fpt", "cmc"};
    private static final double[] FIXED_SHARE = {0.40, 0.35, 0.20, 0.05};

    /**
     * What to generate.
     *
     * @param tests            how many tests (each located in both sets)
     * @param communes         how many vn-2025 communes (and as many vn-2024 communes) carry them, from the whole list
     * @param skew             the exponent of the volumes' power law (the bench's 0.7)
     * @param from             the first instant of the spread
     * @param seconds          the spread's length; tests are uniform over it
     * @param vn2024Commune    share of vn-2024 paths that reach the commune; of the rest, nine in ten stop at the
     *                         district and one in ten at the province
     */
    public record Plan(int tests, int communes, double skew, Instant from, long seconds, double vn2024Commune, long seed) {
    }

    /** One test in both sets. */
    public record Pair(MeasurementLocated vn2025, MeasurementLocated vn2024) {
    }

    private RealisticTests() {
    }

    public static void generate(UnitCatalogue catalogue, Plan plan, Consumer<Pair> out) {
        Random r = new Random(plan.seed());
        List<Unit> new25 = pick(catalogue.set(UnitCatalogue.VN_2025).orElseThrow(), plan.communes(), r);
        UnitCatalogue.BoundarySet set24 = catalogue.set(UnitCatalogue.VN_2024).orElseThrow();
        List<Unit> old24 = pick(set24, plan.communes(), r);
        UnitCatalogue.BoundarySet set25 = catalogue.set(UnitCatalogue.VN_2025).orElseThrow();
        double[] cumulative = new double[plan.communes()];
        double total = 0;
        for (int i = 0; i < cumulative.length; i++) {
            total += 1.0 / Math.pow(i + 1, plan.skew());
            cumulative[i] = total;
        }
        int[] devicesOf = new int[plan.communes()];
        for (int i = 0; i < devicesOf.length; i++) {
            double expected = plan.tests() * (1.0 / Math.pow(i + 1, plan.skew())) / total;
            devicesOf[i] = Math.max(8, (int) Math.round(expected / 6));
        }
        Instant locatedAt = plan.from().plusSeconds(plan.seconds());
        for (int t = 0; t < plan.tests(); t++) {
            int i = Arrays.binarySearch(cumulative, r.nextDouble() * total);
            i = Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
            boolean mobile = r.nextDouble() < 0.55;
            NetworkType type = mobile ? NetworkType.MOBILE : NetworkType.FIXED;
            String operator = r.nextDouble() < 0.02 ? "unknown-" + r.nextInt(5)
                    : pickOperator(mobile ? MOBILE : FIXED, mobile ? MOBILE_SHARE : FIXED_SHARE, r);
            boolean known = !operator.startsWith("unknown");
            Technology technology = mobile ? (r.nextDouble() < 0.8 ? Technology.G4 : Technology.G5)
                    : (r.nextDouble() < 0.7 ? Technology.WIFI : Technology.ETHERNET);
            Network network = new Network(type, technology, operator, operator, known);
            double down = (mobile ? 40_000 : 80_000) * Math.exp((mobile ? 0.8 : 0.6) * r.nextGaussian());
            double up = down * (mobile ? 0.3 : 0.8) * Math.exp(0.3 * r.nextGaussian());
            double latency = (mobile ? 35 : 18) * Math.exp(0.45 * r.nextGaussian());
            Double jitter = r.nextDouble() < 0.05 ? null : tenth(latency * 0.15 * Math.exp(0.5 * r.nextGaussian()));
            Double loss = r.nextDouble() < 0.05 ? null
                    : r.nextDouble() < 0.9 ? 0.0 : tenth(Math.min(100, -Math.log(1 - r.nextDouble()) * (mobile ? 1.5 : 0.5)));
            Metrics metrics = new Metrics(tenth(down), tenth(up), tenth(latency), jitter, loss);
            String device = "device-" + i + "-" + r.nextInt(devicesOf[i]);
            Instant at = plan.from().plusSeconds((long) (r.nextDouble() * plan.seconds()));
            UUID id = new UUID(plan.seed(), t);
            Unit commune = new25.get(i);
            List<UnitRef> path25 = List.of(ref(set25, commune.provinceCode()), ref(set25, commune.code()));
            Unit old = old24.get(i);
            double depth = r.nextDouble();
            List<UnitRef> path24 = depth < plan.vn2024Commune()
                    ? List.of(ref(set24, old.provinceCode()), ref(set24, old.parentCode()), ref(set24, old.code()))
                    : depth < plan.vn2024Commune() + (1 - plan.vn2024Commune()) * 0.9
                    ? List.of(ref(set24, old.provinceCode()), ref(set24, old.parentCode()))
                    : List.of(ref(set24, old.provinceCode()));
            out.accept(new Pair(
                    new MeasurementLocated(id, UnitCatalogue.VN_2025, path25, "INSIDE", 0, device, at, network, metrics, locatedAt),
                    new MeasurementLocated(id, UnitCatalogue.VN_2024, path24, "INSIDE", 0, device, at, network, metrics, locatedAt)));
        }
    }

    private static List<Unit> pick(UnitCatalogue.BoundarySet set, int n, Random r) {
        List<Unit> communes = new ArrayList<>(set.atLevel(Unit.COMMUNE));
        Collections.shuffle(communes, r);
        return communes.subList(0, Math.min(n, communes.size()));
    }

    private static UnitRef ref(UnitCatalogue.BoundarySet set, String code) {
        Unit u = set.unit(code).orElseThrow();
        return new UnitRef(u.level(), u.code(), u.name(), null);
    }

    private static String pickOperator(String[] names, double[] shares, Random r) {
        double x = r.nextDouble();
        for (int i = 0; i < names.length; i++) {
            x -= shares[i];
            if (x < 0) {
                return names[i];
            }
        }
        return names[names.length - 1];
    }

    private static double tenth(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
