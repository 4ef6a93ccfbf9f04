package vn.ispeed.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Pins the wire form of every event version. A change here is a change to the log's format:
 * if it is not additive, it needs a new version and an upcaster, not an edited approval file.
 * A missing approval file is written to target/approval-received for review.
 */
class EventJsonApprovalTest {
    private final EventCodec codec = EventCodec.standard();
    private final ObjectMapper pretty = EventCodec.newMapper();

    @TestFactory
    Stream<DynamicTest> every_event_type_matches_its_approved_json() {
        return Samples.all().stream().map(event -> {
            String type = EventTypes.nameOf(event.getClass());
            return DynamicTest.dynamicTest(type, () -> {
                String received = pretty.writerWithDefaultPrettyPrinter().writeValueAsString(codec.toTree(event)) + "\n";
                String approved = approved(type);
                if (approved == null) {
                    Path out = Path.of("target", "approval-received", type + ".json");
                    Files.createDirectories(out.getParent());
                    Files.writeString(out, received);
                    fail("no approved JSON for " + type + "; review " + out + " and copy it to src/test/resources/approved/");
                }
                assertThat(received).as("JSON form of %s", type).isEqualTo(approved);
                assertThat(codec.decode(approved.getBytes(StandardCharsets.UTF_8))).as("round trip of %s", type).isEqualTo(event);
                // the compact form the services write is read by the direct path, the pretty one through the tree
                assertThat(codec.decode(codec.encode(event))).as("compact round trip of %s", type).isEqualTo(event);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> every_registered_type_has_a_sample() {
        return EventTypes.all().keySet().stream().map(type -> DynamicTest.dynamicTest(type, () ->
                assertThat(Samples.all()).extracting(e -> EventTypes.nameOf(e.getClass())).contains(type)));
    }

    @org.junit.jupiter.api.Test
    void aLocatedEventWrittenBeforeTheMappingFieldsStillDecodes() throws IOException {
        String old;
        try (InputStream in = EventJsonApprovalTest.class.getResourceAsStream("/compat/measurement.located.v1.without-mapping.json")) {
            old = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MeasurementLocated decoded = codec.decode(old.getBytes(StandardCharsets.UTF_8), MeasurementLocated.class);
        assertThat(decoded).isEqualTo(Samples.locatedWithoutMapping());
        assertThat(decoded.mappedFrom()).isNull();
        assertThat(decoded.unresolved()).isNull();
        assertThat(decoded.candidates()).isNull();
        // written again, it is the same JSON: absent fields stay absent
        assertThat(pretty.writerWithDefaultPrettyPrinter().writeValueAsString(codec.toTree(decoded)) + "\n").isEqualTo(old);
        assertThat(codec.decode(codec.encode(decoded))).isEqualTo(decoded);
    }

    private static String approved(String type) throws IOException {
        try (InputStream in = EventJsonApprovalTest.class.getResourceAsStream("/approved/" + type + ".json")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
