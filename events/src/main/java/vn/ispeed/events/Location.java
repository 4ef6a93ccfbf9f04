package vn.ispeed.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the phone says it was; never published as such. */
public record Location(
        @JsonProperty(required = true) double lat,
        @JsonProperty(required = true) double lon,
        @JsonProperty(required = true) double accuracyM,
        LocationSource source) {
    public Location {
        Require.field(source, "location.source");
    }
}
