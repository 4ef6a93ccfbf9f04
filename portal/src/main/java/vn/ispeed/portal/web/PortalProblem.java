package vn.ispeed.portal.web;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * What went wrong, as a person is told it: a page of the portal never shows a stack trace. An API that is
 * down or slow is {@link Kind#API_DOWN} (a banner: try again later); a token the APIs refuse is an expired
 * session (log in again); another province's detail is {@link Kind#FORBIDDEN} (the 403 page).
 */
public class PortalProblem extends RuntimeException {
    public enum Kind {
        API_DOWN(503), SESSION_EXPIRED(401), FORBIDDEN(403), NOT_FOUND(404), BAD_REQUEST(400), INTERNAL(500);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;
    private final String service;

    public PortalProblem(Kind kind, String service, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.service = service;
    }

    public Kind kind() {
        return kind;
    }

    public String service() {
        return service;
    }

    public static PortalProblem forbidden(String province) {
        return new PortalProblem(Kind.FORBIDDEN, "portal", "province " + province);
    }

    public static PortalProblem notFound(String what) {
        return new PortalProblem(Kind.NOT_FOUND, "portal", what);
    }

    /** A REST client failure of {@code service} as the problem a person understands. */
    public static Throwable of(String service, Throwable t) {
        if (t instanceof PortalProblem) {
            return t;
        }
        if (t instanceof WebApplicationException w && w.getResponse() != null) {
            int status = w.getResponse().getStatus();
            return switch (status) {
                case 401 -> new PortalProblem(Kind.SESSION_EXPIRED, service, "token refused");
                case 403 -> new PortalProblem(Kind.FORBIDDEN, service, "refused by " + service);
                case 404 -> new PortalProblem(Kind.NOT_FOUND, service, "not found in " + service);
                case 400 -> new PortalProblem(Kind.BAD_REQUEST, service, "refused as invalid by " + service);
                default -> new PortalProblem(Kind.API_DOWN, service, service + " answered " + status);
            };
        }
        if (t instanceof ProcessingException || t instanceof ConnectException || t instanceof TimeoutException
                || t.getCause() instanceof ConnectException) {
            return new PortalProblem(Kind.API_DOWN, service, service + " unreachable");
        }
        return new PortalProblem(Kind.API_DOWN, service, service + " failed");
    }
}
