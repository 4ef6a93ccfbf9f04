package vn.ispeed.notify.api;

/** One wrong field of a request: its JSON path and what is wrong with it. */
public record FieldError(String field, String message) {
}
