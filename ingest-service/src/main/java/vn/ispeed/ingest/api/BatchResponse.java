package vn.ispeed.ingest.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Per-test answers of a batch, in request order. */
@Schema(name = "BatchResponse")
public record BatchResponse(int accepted, int rejected, List<ItemResult> results) {
}
