package vn.ispeed.notify.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** RFC 7807 problem details; {@code errors} only for validation. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String BASE = "https://ispeed.vn/problems/";
}
