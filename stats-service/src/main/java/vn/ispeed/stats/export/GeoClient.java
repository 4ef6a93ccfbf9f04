package vn.ispeed.stats.export;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** geo-service's boundary API (URL: {@code quarkus.rest-client.geo.url}). */
@RegisterRestClient(configKey = "geo")
@Path("/api/v1/sets/{set}")
public interface GeoClient {
    /** The boundary GeoJSON at geo's default tolerance, as bytes: the export streams through it feature by feature. */
    @GET
    @Path("/boundaries")
    @Produces({"application/geo+json", "application/json"})
    Uni<byte[]> boundaries(@PathParam("set") String set, @QueryParam("level") String level, @QueryParam("parent") String parent);

    /** An answer of geo-service other than 2xx. */
    final class Refused extends RuntimeException {
        private final int status;
        private final String retryAfter;
        private final String body;

        Refused(int status, String retryAfter, String body) {
            super("geo-service answered " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }

        public int status() {
            return status;
        }

        /** geo's Retry-After header, if it sent one. */
        public String retryAfter() {
            return retryAfter;
        }

        /** geo's problem+json body (or whatever it sent). */
        public String body() {
            return body;
        }
    }

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new Refused(response.getStatus(), response.getHeaderString(HttpHeaders.RETRY_AFTER), body);
    }
}
