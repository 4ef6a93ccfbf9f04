package vn.ispeed.bench.geo;

import vn.ispeed.events.UnitRef;
import vn.ispeed.events.UnresolvedReason;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.BoundarySets;
import vn.ispeed.geo.boundary.Unit;
import vn.ispeed.geo.locate.LevelGrid;
import vn.ispeed.geo.locate.MappedLevel;
import vn.ispeed.geo.locate.Outcome;
import vn.ispeed.geo.locate.PolygonIndex;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * How much of vn-2024's commune level the data reaches: points spread like users (the lookup benchmark's {@code users}
 * points) and one spread where every ward weighs the same, located in vn-2024 as geo-service does; the share that
 * reaches a 2024 commune, overall and per 2024 province, and why the others stop at the district.
 * {@code ./bench/geo/run --vn2024-communes}.
 */
final class CommuneReach {
    private CommuneReach() {
    }

    /** Tallies of one spread: per 2024 province (code) and for all ("*"). */
    private static final class Tally {
        final Map<String, long[]> byProvince = new TreeMap<>(); // points, commune, ambiguous, outside district, no ward, other
        final Set<String> communesReached = new HashSet<>();
        long unlocated;

        void add(Outcome o) {
            if (!o.located()) {
                unlocated++;
                return;
            }
            UnitRef province = o.unit().path().get(0);
            for (String key : new String[] {province.code(), "*"}) {
                long[] t = byProvince.computeIfAbsent(key, k -> new long[6]);
                t[0]++;
                if (o.unit().level().equals("commune")) {
                    t[1]++;
                } else if (o.unresolved() == UnresolvedReason.AMBIGUOUS_2024_COMMUNE) {
                    t[2]++;
                } else if (o.unresolved() == UnresolvedReason.WARD_OUTSIDE_2024_DISTRICT) {
                    t[3]++;
                } else if (o.unresolved() == UnresolvedReason.NO_WARD) {
                    t[4]++;
                } else {
                    t[5]++;
                }
            }
            if (o.unit().level().equals("commune")) {
                communesReached.add(o.unit().code());
            }
        }
    }

    static void run(int n) {
        BoundarySets sets = BenchData.sets();
        BoundarySet vn2024 = sets.sets().get("vn-2024");
        MappedLevel communes = sets.locator().mappedLevel("vn-2024");
        BenchData.Points users = BenchData.users(n, BenchData.USERS_SEED);
        BenchData.Points wards = everyWardAlike(n, BenchData.USERS_SEED + 1);
        Tally byUsers = tally(sets, vn2024, users);
        Tally byWards = tally(sets, vn2024, wards);

        StringBuilder md = new StringBuilder("\n# vn-2024 communes reached through the vn-2025 wards and the mapping\n\n");
        md.append(String.format("vn-2024 communes some point can reach with this data: **%,d of %,d** (%.1f %%); the other %,d "
                        + "cannot receive a test until polygons of 2024 communes exist.%n%n", communes.reachable().size(),
                communes.units(), 100.0 * communes.reachable().size() / communes.units(),
                communes.units() - communes.reachable().size()));
        md.append("| spread | points | located in vn-2024 | to a 2024 commune | path stops at the district: ambiguous ward "
                + "| ward outside the district | no ward | at the province only | communes that got a point |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        row(md, "users (urban 8:1, ×2 in Hà Nội and TP HCM)", users.size(), byUsers);
        row(md, "every ward alike", wards.size(), byWards);
        md.append("\nShares are of the points vn-2024 locates. Per 2024 province, users' spread:\n\n");
        md.append("| province | name | points | to a commune | ambiguous | outside the district |\n|---|---|---|---|---|---|\n");
        byUsers.byProvince.forEach((code, t) -> {
            if (code.equals("*")) {
                return;
            }
            String name = vn2024.unit(code).map(Unit::name).orElse(code);
            md.append(String.format("| %s | %s | %,d | %.1f %% | %.1f %% | %.1f %% |%n", code, name, t[0], pct(t[1], t[0]),
                    pct(t[2], t[0]), pct(t[3], t[0])));
        });
        System.out.println(md);
    }

    private static void row(StringBuilder md, String name, int points, Tally t) {
        long[] all = t.byProvince.get("*");
        md.append(String.format("| %s | %,d | %.1f %% | **%.2f %%** | %.1f %% | %.1f %% | %.1f %% | %.1f %% | %,d |%n", name, points,
                pct(all[0], points), pct(all[1], all[0]), pct(all[2], all[0]), pct(all[3], all[0]), pct(all[4], all[0]),
                pct(all[5], all[0]), t.communesReached.size()));
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static Tally tally(BoundarySets sets, BoundarySet vn2024, BenchData.Points points) {
        Tally t = new Tally();
        for (int i = 0; i < points.size(); i++) {
            t.add(sets.locator().locate(vn2024, points.lat()[i], points.lon()[i], BenchData.ACCURACY_M));
        }
        return t;
    }

    /** A ward drawn with the same weight for every ward, then a uniform point inside it. */
    private static BenchData.Points everyWardAlike(int n, long seed) {
        BoundarySet.LocateLevel level = BenchData.vn2025().locateLevels().get(0);
        LevelGrid grid = level.grid();
        int count = level.unitOfPolygon().length;
        Random random = new Random(seed);
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int k = 0; k < n; k++) {
            PolygonIndex p = grid.polygon(random.nextInt(count));
            for (int tries = 0; ; tries++) {
                double x = p.minX() + random.nextDouble() * (p.maxX() - p.minX());
                double y = p.minY() + random.nextDouble() * (p.maxY() - p.minY());
                if (p.locate(x, y) == PolygonIndex.INTERIOR || tries > 10_000) {
                    lon[k] = x;
                    lat[k] = y;
                    break;
                }
            }
        }
        return new BenchData.Points("wards", lon, lat);
    }
}
