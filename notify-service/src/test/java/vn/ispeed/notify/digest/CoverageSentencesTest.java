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
    void readsTheReportOfStatsService() throws Exception {
        CoverageSentences.FromStats read = CoverageSentences.read(mapper.readTree("""
                {"boundarySet":"vn-2025","network":"FIXED","period":"2026-11","province":"01",
                 "levels":[{"level":"commune","units":126,"insufficient":12,"published":114}],
                 "sentence":"Mạng băng rộng cố định: 12/126 xã/phường/đặc khu không đủ mẫu để thống kê",
                 "sentenceEn":"Fixed broadband: 12/126 communes without enough samples"}"""));
        assertThat(read.in("vi")).contains("Mạng băng rộng cố định: 12/126 xã/phường/đặc khu không đủ mẫu để thống kê");
        assertThat(read.in("en")).contains("Fixed broadband: 12/126 communes without enough samples");
        assertThat(CoverageSentences.read(mapper.readTree("{\"sentence\":\"x\"}")).in("en")).isEmpty();
    }

    @Test
    void anUnknownShapeGivesNothing() throws Exception {
        assertThat(CoverageSentences.sentence(mapper.readTree("{\"units\":34}"))).isEmpty();
        assertThat(CoverageSentences.sentence(mapper.readTree("[]"))).isEmpty();
    }
}
