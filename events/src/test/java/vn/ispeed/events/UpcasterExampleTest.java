package vn.ispeed.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upcaster hook, shown on a hypothetical earlier version: {@code measurement.submitted.v0}
 * had flat {@code downloadKbps}/{@code uploadKbps}/{@code latencyMs} at the top level and no
 * acceptedAt. The upcaster moves them into {@code metrics} and takes acceptedAt from measuredAt.
 */
class UpcasterExampleTest {

    static final class SubmittedV0ToV1 implements Upcaster {
        @Override
        public String fromType() {
            return "measurement.submitted.v0";
        }

        @Override
        public String toType() {
            return EventTypes.MEASUREMENT_SUBMITTED_V1;
        }

        @Override
        public ObjectNode upcast(ObjectNode v0) {
            ObjectNode v1 = v0.deepCopy();
            ObjectNode metrics = v1.putObject("metrics");
            for (String f : new String[] {"downloadKbps", "uploadKbps", "latencyMs"}) {
                metrics.set(f, v1.remove(f));
            }
            if (!v1.has("acceptedAt")) {
                v1.set("acceptedAt", v1.get("measuredAt"));
            }
            return v1;
        }
    }

    @Test
    void old_version_is_read_as_the_current_one() {
        String v0 = """
                {"type":"measurement.submitted.v0","testId":"0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10",
                 "deviceId":"abc123","measuredAt":"2026-11-25T08:15:30Z",
                 "network":{"type":"FIXED","technology":"WIFI","operator":"fpt","operatorRaw":"FPT Telecom","operatorKnown":true},
                 "downloadKbps":100000.0,"uploadKbps":90000.0,"latencyMs":7.0,
                 "app":{"platform":"IOS","version":"1.0"}}
                """;
        EventCodec codec = EventCodec.standard().withUpcaster(new SubmittedV0ToV1());

        MeasurementSubmitted event = (MeasurementSubmitted) codec.decode(v0.getBytes(StandardCharsets.UTF_8));

        assertThat(event.metrics().downloadKbps()).isEqualTo(100000.0);
        assertThat(event.metrics().latencyMs()).isEqualTo(7.0);
        assertThat(event.metrics().jitterMs()).isNull();
        assertThat(event.acceptedAt()).isEqualTo(event.measuredAt());
        assertThat(event.location()).isNull();
    }

    @Test
    void without_the_upcaster_the_old_version_is_an_unknown_type() {
        EventFormatException e = (EventFormatException) org.assertj.core.api.Assertions.catchThrowable(() ->
                EventCodec.standard().decode("{\"type\":\"measurement.submitted.v0\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.type()).isEqualTo("measurement.submitted.v0");
    }
}
