package vn.ispeed.ingest.operator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorCatalogTest {
    final OperatorCatalog catalog = new OperatorCatalog(List.of(
            new OperatorCatalog.Entry("viettel", "Viettel", List.of("Viễn thông Quân đội"),
                    List.of("452-04", "452-06", "452-08"), List.of("AS7552")),
            new OperatorCatalog.Entry("viettel-idc", "Viettel IDC", List.of(), List.of(), List.of()),
            new OperatorCatalog.Entry("vnpt", "VNPT", List.of("VinaPhone"), List.of("452-02"), List.of("AS45899")),
            new OperatorCatalog.Entry("fpt", "FPT Telecom", List.of("FPT"), List.of(), List.of("AS18403"))));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "452-04, viettel", "45204, viettel", "452 08, viettel", "AS7552, viettel", "as 7552, viettel",
            "Viettel, viettel", "VIETTEL, viettel", "viễn thông quân đội, viettel", "Viettel IDC, viettel-idc",
            "viettel-idc, viettel-idc", "vinaphone, vnpt", "VNPT, vnpt", "452-02, vnpt", "AS45899, vnpt",
            "FPT Telecom, fpt", "fpt telecom, fpt", "FPT Telecom JSC, fpt", "Công ty FPT Telecom, fpt", "AS18403, fpt",
    })
    void knownOperatorsAreNormalised(String reported, String id) {
        var resolved = catalog.resolve(reported);
        assertThat(resolved.operator()).isEqualTo(id);
        assertThat(resolved.known()).isTrue();
        assertThat(resolved.operatorRaw()).isEqualTo(reported);
    }

    @Test
    void anUnknownOperatorIsKeptAsGiven() {
        var resolved = catalog.resolve(" Some Local ISP ");
        assertThat(resolved.known()).isFalse();
        assertThat(resolved.operator()).isEqualTo("Some Local ISP");
        assertThat(resolved.operatorRaw()).isEqualTo(" Some Local ISP ");
        assertThat(catalog.resolve("AS64500").operator()).isEqualTo("AS64500");
        assertThat(catalog.resolve("45299").operator()).isEqualTo("452-99");
        assertThat(catalog.resolve("Telecom").known()).isFalse();
    }

    @Test
    void aCodeClaimedTwiceIsAConfigurationError() {
        assertThatThrownBy(() -> new OperatorCatalog(List.of(
                new OperatorCatalog.Entry("a", "A", List.of(), List.of("452-04"), List.of()),
                new OperatorCatalog.Entry("b", "B", List.of(), List.of("452-04"), List.of()))))
                .hasMessageContaining("452-04");
    }
}
