package vn.ispeed.ingest.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The JSON of one test, for the OpenAPI document only: bodies are read as JSON trees and checked
 * by {@link vn.ispeed.ingest.validation.MeasurementValidator}, which is the authority on the rules.
 */
@Schema(name = "Measurement", description = "One speed test as the app sends it. Unknown fields are ignored.")
public record MeasurementRequest(
        @Schema(required = true, format = "uuid", description = "chosen on the phone; a retry sends the same id")
        String testId,
        @Schema(required = true, minLength = 8, maxLength = 128,
                description = "the app's install id; replaced by a keyed hash and never stored")
        String installId,
        @Schema(required = true, format = "date-time",
                description = "at most 5 minutes in the future, at most 30 days old (configurable)")
        String measuredAt,
        @Schema(required = true) NetworkDoc network,
        @Schema(required = true, minimum = "0", maximum = "10000000") double downloadKbps,
        @Schema(required = true, minimum = "0", maximum = "10000000") double uploadKbps,
        @Schema(required = true, minimum = "0", maximum = "60000") double latencyMs,
        @Schema(minimum = "0", maximum = "60000") Double jitterMs,
        @Schema(minimum = "0", maximum = "100") Double packetLossPct,
        @Schema(description = "optional; a test without one is counted as unlocated") LocationDoc location,
        @Schema(required = true) AppDoc app) {

    @Schema(name = "Network")
    public record NetworkDoc(
            @Schema(required = true, enumeration = {"FIXED", "MOBILE"}) String type,
            @Schema(required = true, enumeration = {"WIFI", "ETHERNET", "2G", "3G", "4G", "5G"},
                    description = "MOBILE takes 2G-5G, FIXED takes WIFI or ETHERNET") String technology,
            @Schema(required = true, maxLength = 64,
                    description = "MCC-MNC (452-04), AS number (AS18403) or ISP name (FPT Telecom)") String operator) {
    }

    @Schema(name = "Location")
    public record LocationDoc(
            @Schema(required = true, minimum = "-90", maximum = "90") double lat,
            @Schema(required = true, minimum = "-180", maximum = "180") double lon,
            @Schema(required = true, minimum = "0", exclusiveMinimum = true, maximum = "100000") double accuracyM,
            @Schema(required = true, enumeration = {"GPS", "NETWORK"}) String source) {
    }

    @Schema(name = "App")
    public record AppDoc(
            @Schema(required = true, enumeration = {"ANDROID", "IOS", "WEB"}) String platform,
            @Schema(required = true, maxLength = 32) String version) {
    }
}
