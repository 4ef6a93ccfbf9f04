package vn.ispeed.notify.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** stats-service's answer is read tolerantly: wherever "sentence" is, it is found; otherwise none. */
class CoverageSentencesTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void findsTheSentenceAtTheTopOrInsideLevels() throws Exception {
        assertThat(CoverageSentences.sentence(mapper.readTree(
                "{\"sentence\":\"Mạng băng rộng cố định: 12/126 xã/phường không đủ mẫu để thống kê\"}")))
                .contains("Mạng băng rộng cố định: 12/126 xã/phường không đủ mẫu để thống kê");
        assertThat(CoverageSentences.sentence(mapper.readTree(
                "{\"levels\":[{\"level\":\"district\",\"sentence\":\"a\"},{\"level\":\"commune\",\"sentence\":\"b\"}]}")))
                .contains("a; b");
    }

    @Test
    void anUnknownShapeGivesNothing() throws Exception {
        assertThat(CoverageSentences.sentence(mapper.readTree("{\"units\":34}"))).isEmpty();
        assertThat(CoverageSentences.sentence(mapper.readTree("[]"))).isEmpty();
    }
}
