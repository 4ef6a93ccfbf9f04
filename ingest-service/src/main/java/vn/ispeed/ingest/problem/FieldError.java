package vn.ispeed.ingest.problem;

/** One thing wrong with the request: the JSON path of the field and what was wrong with it. */
public record FieldError(String field, String message) {
}
