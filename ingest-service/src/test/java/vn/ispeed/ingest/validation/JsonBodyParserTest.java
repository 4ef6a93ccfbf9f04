package vn.ispeed.ingest.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.ispeed.ingest.problem.ProblemException;
import vn.ispeed.ingest.problem.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodyParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "{\"a\":1}{}", "{\"a\":1,\"a\":2}", "nul", "{'a':1}"})
    void malformedBodiesAreProblems(String body) {
        assertThatThrownBy(() -> JsonBodyParser.parse(body.getBytes()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_JSON));
    }

    @Test
    void theDetailNeverQuotesTheBody() {
        assertThatThrownBy(() -> JsonBodyParser.parse("{\"installId\":\"secret-install-id\" oops}".getBytes()))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().detail()).startsWith("the body is not valid JSON (line 1, column");
                    assertThat(e.problem().detail()).doesNotContain("secret");
                });
    }

    @Test
    void deepNestingIsMalformed() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> JsonBodyParser.parse(deep.getBytes())).isInstanceOf(ProblemException.class);
    }

    @Test
    void nanLiteralsReachTheValidator() {
        assertThat(JsonBodyParser.parse("{\"x\":NaN}".getBytes()).get("x").isNumber()).isTrue();
    }
}
