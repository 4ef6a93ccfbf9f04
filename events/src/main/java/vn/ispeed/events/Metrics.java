package vn.ispeed.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the test measured. Jitter and loss are optional: not every test engine reports them. */
public record Metrics(
        @JsonProperty(required = true) double downloadKbps,
        @JsonProperty(required = true) double uploadKbps,
        @JsonProperty(required = true) double latencyMs,
        Double jitterMs,
        Double packetLossPct) {
}
