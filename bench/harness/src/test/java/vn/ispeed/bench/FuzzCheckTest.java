package vn.ispeed.bench;

import org.junit.jupiter.api.Test;
import vn.ispeed.testsupport.fuzz.HostileRequest;

import static org.assertj.core.api.Assertions.assertThat;

class FuzzCheckTest {
    private final HostileRequest single = new HostileRequest(1, 0, "INGEST_SINGLE", "x", "POST", "/api/v1/measurements",
            "application/json", new byte[0]);
    private final HostileRequest batch = new HostileRequest(1, 0, "INGEST_BATCH", "x", "POST", "/api/v1/measurements/batch",
            "application/json", new byte[0]);
    private static final String PROBLEM = "{\"type\":\"https://ispeed.vn/problems/validation\",\"title\":\"Invalid\",\"status\":400}";

    @Test
    void a_problem_answer_passes() {
        assertThat(FuzzRun.check(single, 400, "application/problem+json", PROBLEM)).isNull();
    }

    @Test
    void server_errors_plain_bodies_and_leaks_fail() {
        assertThat(FuzzRun.check(single, 500, "application/problem+json", PROBLEM)).contains("server error");
        assertThat(FuzzRun.check(single, 400, "text/html", "<html>")).contains("not application/problem+json");
        assertThat(FuzzRun.check(single, 400, "application/problem+json",
                "{\"type\":\"t\",\"title\":\"x\",\"status\":400,\"detail\":\"com.fasterxml.jackson.core.JsonParseException\"}"))
                .contains("leaks");
        assertThat(FuzzRun.check(single, 400, "application/problem+json", "{\"type\":\"t\",\"status\":400}")).contains("lacks");
        assertThat(FuzzRun.check(single, 202, "application/json", "{}")).contains("answered 202");
    }

    @Test
    void a_batch_may_answer_200_only_when_every_item_is_rejected() {
        String rejected = "{\"items\":[{\"index\":0,\"status\":\"REJECTED\",\"problem\":" + PROBLEM + "}]}";
        String accepted = "{\"items\":[{\"index\":0,\"status\":\"ACCEPTED\"}]}";
        assertThat(FuzzRun.check(batch, 200, "application/json", rejected)).isNull();
        assertThat(FuzzRun.check(batch, 200, "application/json", accepted)).contains("ACCEPTED");
    }
}
