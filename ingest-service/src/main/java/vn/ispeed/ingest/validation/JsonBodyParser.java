package vn.ispeed.ingest.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonFactory;
import vn.ispeed.ingest.problem.ProblemException;
import vn.ispeed.ingest.problem.ProblemType;

import java.io.IOException;

/**
 * Reads a request body into a JSON tree. NaN and Infinity literals are let through so the
 * validator can name the field; duplicate keys, trailing data and deep nesting are malformed.
 * Error details carry only a line and column, never the body's text (it holds the install id).
 */
public final class JsonBodyParser {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxStringLength(100_000)
                            .maxNumberLength(400)
                            .build())
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodyParser() {
    }

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is empty; JSON is expected");
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is empty; JSON is expected");
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "unexpected data after the JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the body could not be read as JSON");
        }
    }
}
