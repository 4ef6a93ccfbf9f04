package vn.ispeed.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One fixed example of every event type, shared by the approval and round-trip tests. */
final class Samples {
    static final UUID TEST_ID = UUID.fromString("0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10");
    static final String DEVICE = "3f1c2a9e5b7d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f901a2b3c4d5e6f7";
    static final Instant MEASURED = Instant.parse("2026-11-25T08:15:30Z");
    static final Instant LATER = Instant.parse("2026-11-25T08:15:31.250Z");
    static final Network MOBILE = new Network(NetworkType.MOBILE, Technology.G4, "viettel", "452-04", true);
    static final Metrics METRICS = new Metrics(48250.5, 12100.0, 23.0, 4.5, 0.2);

    static MeasurementSubmitted submitted() {
        return new MeasurementSubmitted(TEST_ID, DEVICE, MEASURED, LATER, MOBILE, METRICS,
                new Location(21.0288, 105.8525, 12.5, LocationSource.GPS), new App(Platform.ANDROID, "3.2.1"));
    }

    /** A vn-2024 test whose ward holds several 2024 communes of its district: the path stops at the district. */
    static MeasurementLocated located() {
        return new MeasurementLocated(TEST_ID, "vn-2024",
                List.of(new UnitRef("province", "01", "Thành phố Hà Nội", "Thành phố Trung ương"),
                        new UnitRef("district", "001", "Quận Ba Đình", "Quận")),
                "INSIDE", 0.0, DEVICE, MEASURED, MOBILE, METRICS, LATER,
                "vn-2025:00004", UnresolvedReason.AMBIGUOUS_2024_COMMUNE, List.of("00004", "00013", "00016"));
    }

    /** The same test in vn-2025, as every located event was written before the mapping fields. */
    static MeasurementLocated locatedWithoutMapping() {
        return new MeasurementLocated(TEST_ID, "vn-2025",
                List.of(new UnitRef("province", "01", "Hà Nội", "Thành phố"),
                        new UnitRef("commune", "00070", "Hoàn Kiếm", "Phường")),
                "INSIDE", 0.0, DEVICE, MEASURED, MOBILE, METRICS, LATER);
    }

    static MeasurementUnlocated unlocated() {
        return new MeasurementUnlocated(TEST_ID, "vn-2025", UnlocatedReason.OUTSIDE_BOUNDARIES, DEVICE, MEASURED,
                MOBILE, LATER);
    }

    static CoverageChanged coverageChanged() {
        return new CoverageChanged("vn-2025", "00070", "Phường Hoàn Kiếm", "commune", "01", NetworkType.FIXED, "2026-11",
                CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, 30, 12, 0, 0, LATER);
    }

    static NotificationSent notificationSent() {
        return new NotificationSent("5d0e7a4c-1f7b-4c3e-9d55-0d6b2f1e8a77", "coverage:vn-2025:01:2026-11-25T08:10Z", "email",
                "01", 1, LATER);
    }

    static NotificationFailed notificationFailed() {
        return new NotificationFailed("5d0e7a4c-1f7b-4c3e-9d55-0d6b2f1e8a77", "digest:vn-2025:01:2026-W48", "webhook", "01",
                5, "HTTP 503 from receiver", LATER);
    }

    static List<IspeedEvent> all() {
        return List.of(submitted(), located(), unlocated(), coverageChanged(), notificationSent(), notificationFailed());
    }

    private Samples() {
    }
}
