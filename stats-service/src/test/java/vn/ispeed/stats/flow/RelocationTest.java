package vn.ispeed.stats.flow;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;
import vn.ispeed.stats.support.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * After geo-service re-located vn-2024 (its communes now reached through the 2025 wards), a rebuild told the set and
 * the relocation's locatedSince counts every test where the new data places it: the events of the set from before
 * are left out, by the rebuild and by the live projection after it; the other set is untouched.
 */
@QuarkusTest
class RelocationTest {
    /** Far in the past, so no other test's events (located now) fall before it. */
    private static final Instant SINCE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant BEFORE = SINCE.minusSeconds(3_600);
    private static final Instant AFTER = SINCE.plusSeconds(3_600);
    private static final Instant FEB_2028 = Instant.parse("2028-02-10T03:00:00Z");
    private static final List<UnitRef> DISTRICT = List.of(new UnitRef("province", "02", "Tỉnh Hà Giang", null),
            new UnitRef("district", "028", "Huyện Yên Minh", null));
    private static final List<UnitRef> COMMUNE = List.of(DISTRICT.get(0), DISTRICT.get(1),
            new UnitRef("commune", "00859", "Xã Ngọc Long", null));
    private static final List<UnitRef> WARD = List.of(new UnitRef("province", "08", "Tuyên Quang", null),
            new UnitRef("commune", "00859", "Xã Ngọc Long", null));

    private static MeasurementLocated event(UUID test, String set, List<UnitRef> path, Instant locatedAt) {
        return new MeasurementLocated(test, set, path, "INSIDE", 0, "reloc-device-" + test, FEB_2028,
                new Network(NetworkType.FIXED, Technology.WIFI, "vnpt", "vnpt", true), new Metrics(50_000, 20_000, 12, 1.0, 0.0),
                locatedAt, set.equals("vn-2024") && path.size() == 3 ? "vn-2025:00859" : null, null, null);
    }

    private static long tests(String set, String unit) {
        return given().auth().oauth2(TestTokens.ministry()).queryParam("network", "fixed").queryParam("period", "2028-02")
                .get("/api/v1/stats/" + set + "/units/" + unit).then().statusCode(200).extract().jsonPath().getLong("tests");
    }

    @Test
    void aRebuildToldOfTheRelocationCountsEveryTestWhereTheNewDataPlacesIt() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // before: both tests located with the old data (vn-2024 stops at the district); then the relocation's event
        // of the first test and the live event of the second, both reaching the commune
        List<LocationEvent> events = List.of(
                event(first, "vn-2024", DISTRICT, BEFORE), event(first, "vn-2025", WARD, BEFORE),
                event(second, "vn-2025", WARD, BEFORE),
                event(first, "vn-2024", COMMUNE, AFTER), event(second, "vn-2024", COMMUNE, AFTER));
        Events.send(events);
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        assertThat(tests("vn-2024", "00859")).as("the first test's first fact wins: district only").isEqualTo(1);
        assertThat(tests("vn-2024", "028")).isEqualTo(2);

        given().auth().oauth2(TestTokens.ops()).queryParam("set", "vn-2024").post("/api/v1/ops/rebuild")
                .then().statusCode(400).body("errors[0].field", equalTo("locatedSince"));
        given().auth().oauth2(TestTokens.ops()).queryParam("set", "vn-2099").queryParam("locatedSince", SINCE.toString())
                .post("/api/v1/ops/rebuild").then().statusCode(400).body("errors[0].field", equalTo("set"));
        given().auth().oauth2(TestTokens.ops()).queryParam("set", "vn-2024").queryParam("locatedSince", "yesterday")
                .post("/api/v1/ops/rebuild").then().statusCode(400).body("errors[0].field", equalTo("locatedSince"));

        String location = given().auth().oauth2(TestTokens.ops()).queryParam("set", "vn-2024")
                .queryParam("locatedSince", SINCE.toString()).post("/api/v1/ops/rebuild")
                .then().statusCode(202).body("relocatedSet", equalTo("vn-2024")).extract().header("Location");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.ops()).get(location).then().statusCode(200).body("state", equalTo("DONE")));
        long superseded = given().auth().oauth2(TestTokens.ops()).get(location).then().extract().jsonPath().getLong("superseded");
        assertThat(superseded).as("the first test's event from before the relocation").isGreaterThanOrEqualTo(1);

        assertThat(tests("vn-2024", "00859")).as("both tests in the commune").isEqualTo(2);
        assertThat(tests("vn-2024", "028")).as("and once each in the district").isEqualTo(2);
        assertThat(tests("vn-2025", "00859")).as("vn-2025 was not re-located").isEqualTo(2);

        // an event of the old data arriving late (an instance not yet on the new data) counts nowhere in vn-2024
        UUID late = UUID.randomUUID();
        Events.send(List.of(event(late, "vn-2024", DISTRICT, BEFORE), event(late, "vn-2025", WARD, BEFORE)));
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        assertThat(tests("vn-2025", "00859")).isEqualTo(3);
        assertThat(tests("vn-2024", "028")).isEqualTo(2);
    }
}
