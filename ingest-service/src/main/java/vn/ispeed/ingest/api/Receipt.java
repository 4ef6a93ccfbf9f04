package vn.ispeed.ingest.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** The answer to an accepted test: the broker has acknowledged it. */
@Schema(name = "Receipt")
public record Receipt(
        @Schema(example = "0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10") UUID testId,
        @Schema(example = "2026-11-25T08:15:31.250Z") Instant acceptedAt) {
}
