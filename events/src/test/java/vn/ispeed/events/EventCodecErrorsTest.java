package vn.ispeed.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class EventCodecErrorsTest {
    private final EventCodec codec = EventCodec.standard();

    private EventFormatException failure(String json) {
        return (EventFormatException) org.assertj.core.api.Assertions.catchThrowable(
                () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    private String submittedWithout(String field) {
        var tree = codec.toTree(Samples.submitted());
        tree.remove(field);
        return tree.toString();
    }

    @Test
    void unknown_type_names_the_type() {
        EventFormatException e = failure("{\"type\":\"measurement.teleported.v9\",\"testId\":\"x\"}");
        assertThat(e.type()).isEqualTo("measurement.teleported.v9");
        assertThat(e.field()).isEqualTo("type");
        assertThat(e.getMessage()).contains("unknown event type").contains("measurement.teleported.v9");
    }

    @Test
    void missing_type_is_an_error_not_null() {
        EventFormatException e = failure("{\"testId\":\"0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10\"}");
        assertThat(e.field()).isEqualTo("type");
    }

    @Test
    void malformed_json_is_an_error() {
        EventFormatException e = failure("{\"type\":\"measurement.submitted.v1\",");
        assertThat(e.getMessage()).contains("malformed JSON");
        assertThat(failure("[1,2]").getMessage()).contains("not a JSON object");
        assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(EventFormatException.class);
    }

    @Test
    void missing_required_field_names_type_and_field() {
        EventFormatException e = failure(submittedWithout("deviceId"));
        assertThat(e.type()).isEqualTo("measurement.submitted.v1");
        assertThat(e.field()).isEqualTo("deviceId");
        assertThat(e.getMessage()).contains("measurement.submitted.v1").contains("deviceId");
    }

    @Test
    void missing_nested_field_names_its_path() {
        var tree = codec.toTree(Samples.submitted());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("network")).remove("type");
        EventFormatException e = failure(tree.toString());
        assertThat(e.field()).isEqualTo("network.type");
    }

    @Test
    void wrongly_typed_field_names_the_field() {
        var tree = codec.toTree(Samples.submitted());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("metrics")).put("downloadKbps", "fast");
        EventFormatException e = failure(tree.toString());
        assertThat(e.type()).isEqualTo("measurement.submitted.v1");
        assertThat(e.field()).isEqualTo("metrics.downloadKbps");
    }

    @Test
    void unknown_enum_value_names_the_field() {
        var tree = codec.toTree(Samples.located());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("network")).put("technology", "6G");
        EventFormatException e = failure(tree.toString());
        assertThat(e.field()).isEqualTo("network.technology");
    }

    @Test
    void unknown_fields_are_ignored_so_additive_changes_stay_compatible() {
        var tree = codec.toTree(Samples.coverageChanged());
        tree.put("addedLater", 42);
        assertThat(codec.decode(tree.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(Samples.coverageChanged());
    }

    @Test
    void decode_with_expected_family_rejects_other_families() {
        byte[] coverage = codec.encode(Samples.coverageChanged());
        assertThatThrownBy(() -> codec.decode(coverage, MeasurementEvent.class))
                .asInstanceOf(type(EventFormatException.class))
                .satisfies(e -> assertThat(e.getMessage()).contains("coverage.changed.v1").contains("MeasurementEvent"));
        assertThat(codec.decode(codec.encode(Samples.submitted()), MeasurementEvent.class)).isEqualTo(Samples.submitted());
    }

    @Test
    void kafka_serdes_round_trip() {
        try (var ser = new vn.ispeed.events.kafka.EventSerializer(); var de = new vn.ispeed.events.kafka.EventDeserializer()) {
            for (IspeedEvent event : Samples.all()) {
                assertThat(de.deserialize(Topics.MEASUREMENTS, ser.serialize(Topics.MEASUREMENTS, event))).isEqualTo(event);
            }
            assertThat(ser.serialize(Topics.MEASUREMENTS, null)).isNull();
        }
    }

    @Test
    void missing_required_number_names_the_field() {
        var tree = codec.toTree(Samples.submitted());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("metrics")).remove("downloadKbps");
        EventFormatException e = failure(tree.toString());
        assertThat(e.field()).isEqualTo("metrics.downloadKbps");
    }
}
