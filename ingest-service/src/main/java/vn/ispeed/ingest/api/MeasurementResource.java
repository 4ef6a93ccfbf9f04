package vn.ispeed.ingest.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.ispeed.ingest.problem.Problem;
import vn.ispeed.ingest.problem.ProblemException;
import vn.ispeed.ingest.problem.ProblemResponses;
import vn.ispeed.ingest.problem.ProblemType;
import vn.ispeed.ingest.submit.IngestMetrics;
import vn.ispeed.ingest.submit.MeasurementIngestService;
import vn.ispeed.ingest.submit.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The app-facing API: thin, it maps HTTP to {@link MeasurementIngestService} and back. */
@Path(MeasurementResource.PATH)
@Tag(name = "measurements", description = "Speed tests from the i-Speed apps")
public class MeasurementResource {
    public static final String PATH = "/api/v1/measurements";
    public static final String BATCH = "/batch";

    static final String EXAMPLE = """
            {"testId":"0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10","installId":"a1b2c3d4e5f60718",\
            "measuredAt":"2026-11-25T08:15:30Z",\
            "network":{"type":"MOBILE","technology":"4G","operator":"452-04"},\
            "downloadKbps":48250.5,"uploadKbps":12100,"latencyMs":23,"jitterMs":4.5,"packetLossPct":0.2,\
            "location":{"lat":21.0288,"lon":105.8525,"accuracyM":12.5,"source":"GPS"},\
            "app":{"platform":"ANDROID","version":"3.2.1"}}""";
    static final String PROBLEM_EXAMPLE = """
            {"type":"https://ispeed.vn/problems/validation","title":"Invalid measurement","status":400,\
            "detail":"2 fields are invalid","errors":[{"field":"downloadKbps","message":"must be a finite number"},\
            {"field":"location.lat","message":"must be between -90 and 90"}]}""";

    private final MeasurementIngestService service;
    private final IngestMetrics metrics;

    public MeasurementResource(MeasurementIngestService service, IngestMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one speed test",
            description = "Answers 202 only once the test is appended to the measurement log. Sending the same testId"
                    + " again is accepted again; it is counted once.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MeasurementRequest.class),
            examples = @ExampleObject(name = "4G test in Hanoi", value = EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Receipt.class),
                    examples = @ExampleObject(name = "receipt",
                            value = "{\"testId\":\"0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10\",\"acceptedAt\":\"2026-11-25T08:15:31.250Z\"}")))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid fields", value = PROBLEM_EXAMPLE)))
    @APIResponse(responseCode = "413", description = "Body over the limit (64 KiB)",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not application/json",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many tests from this device; see Retry-After",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The measurement log is unavailable; see Retry-After",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        long start = System.nanoTime();
        requireJson(contentType);
        return service.submit(body).thenApply(outcome -> {
            metrics.singleTook(System.nanoTime() - start);
            if (outcome instanceof Outcome.Accepted accepted) {
                return Response.accepted(new Receipt(accepted.testId(), accepted.acceptedAt()))
                        .type(MediaType.APPLICATION_JSON).build();
            }
            Outcome.Rejected rejected = (Outcome.Rejected) outcome;
            return ProblemResponses.response(rejected.problem(), rejected.retryAfterSeconds());
        });
    }

    @POST
    @Path(BATCH)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit up to 100 tests queued on a phone, as a JSON array",
            description = "Each test is answered on its own, in request order: ACCEPTED (appended) or REJECTED with a"
                    + " problem. One bad test never rejects the others. A REJECTED test whose problem status is 429"
                    + " or 503 can be sent again later (the response then carries Retry-After); others cannot succeed"
                    + " unchanged. The answer is 200 whenever the batch itself was readable.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = MeasurementRequest.class, minItems = 1, maxItems = 100),
            examples = @ExampleObject(name = "one test", value = "[" + EXAMPLE + "]")))
    @APIResponse(responseCode = "200", description = "Every test answered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchResponse.class),
                    examples = @ExampleObject(name = "one accepted, one rejected", value = """
                            {"accepted":1,"rejected":1,"results":[\
                            {"index":0,"testId":"0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10","status":"ACCEPTED",\
                            "acceptedAt":"2026-11-25T08:15:31.250Z"},\
                            {"index":1,"testId":"5d0f7c2e-1b9a-4c3e-9f7a-6e2d1c0b9a88","status":"REJECTED",\
                            "problem":{"type":"https://ispeed.vn/problems/validation","title":"Invalid measurement",\
                            "status":400,"detail":"1 field is invalid",\
                            "errors":[{"field":"network.technology","message":"must be one of WIFI, ETHERNET, 2G, 3G, 4G, 5G"}]}}]}""")))
    @APIResponse(responseCode = "400", description = "Malformed JSON, or not 1 to 100 tests",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over the limit (1 MiB)",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body not application/json",
            content = @Content(mediaType = ProblemType.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CompletionStage<Response> submitBatch(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        long start = System.nanoTime();
        requireJson(contentType);
        return service.submitBatch(body).thenApply(outcomes -> {
            metrics.batchTook(System.nanoTime() - start);
            List<ItemResult> results = new ArrayList<>(outcomes.size());
            int accepted = 0;
            Integer retryAfter = null;
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof Outcome.Accepted a) {
                    accepted++;
                    results.add(new ItemResult(i, a.testId().toString(), ItemResult.Status.ACCEPTED, a.acceptedAt(), null));
                } else {
                    Outcome.Rejected r = (Outcome.Rejected) outcomes.get(i);
                    results.add(new ItemResult(i, r.testId(), ItemResult.Status.REJECTED, null, r.problem()));
                    if (r.retryAfterSeconds() != null) {
                        retryAfter = retryAfter == null ? r.retryAfterSeconds() : Math.max(retryAfter, r.retryAfterSeconds());
                    }
                }
            }
            Response.ResponseBuilder response = Response.ok(new BatchResponse(accepted, outcomes.size() - accepted, results))
                    .type(MediaType.APPLICATION_JSON);
            if (retryAfter != null) {
                response.header(HttpHeaders.RETRY_AFTER, retryAfter);
            }
            return response.build();
        });
    }

    /** A missing Content-Type gets the same 415 as a wrong one (JAX-RS would otherwise accept it). */
    private static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
    }
}
