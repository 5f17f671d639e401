package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dgas.DgasException;
import io.dgas.app.Json;
import io.dgas.app.service.ErrorBody;
import io.dgas.store.UnableToConnectException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the API answers a failure that escaped a handler: a one-line JSON {@code {"error": …}}, never a stack trace.
 *
 * <p>When the database cannot serve right now (the pool gave no connection within its acquire timeout, the server is
 * down, restarting or refusing connections) the answer is {@code 503 Service Unavailable} with a {@code Retry-After}
 * header: the client may try again, nothing is wrong with its request. Anything else is a 500 whose detail goes to the
 * log.
 */
final class FailureResponses {
    /** Seconds a client should wait before retrying after a 503: about what a restarting server takes. */
    static final int RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(FailureResponses.class);
    /** Admin shutdown, crash shutdown, cannot connect now (starting or stopping), too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private FailureResponses() {}

    /** The exception handler for every dgas failure a route lets through. */
    static void handle(DgasException e, Context c) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (isDatabaseUnavailable(e)) {
            LOG.debug("{} {}: database unavailable: {}", c.method(), c.path(), e.getMessage());
            body.put("error", "database unavailable");
            body.put("detail", firstLine(e.getMessage()));
            body.put("retry_after_s", RETRY_AFTER_SECONDS);
            unavailable(c);
        } else {
            LOG.warn("{} {} failed", c.method(), c.path(), e);
            body.put("error", firstLine(e.getMessage()));
            c.status(500);
        }
        write(c, body);
    }

    /** Writes {@code body} as the JSON answer (its error line as text in the impossible case it does not serialise). */
    private static void write(Context c, Map<String, Object> body) {
        try {
            c.contentType("application/json").result(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException impossible) {
            c.contentType("text/plain").result(String.valueOf(body.get("error")));
        }
    }

    /**
     * The 404 of a path under {@code /api/} that no route serves, as JSON naming the path and where the endpoints are
     * listed. A route's own 404 (an unknown symbol) is JSON already and is left as it is.
     */
    static void noEndpoint(Context c) {
        String type = c.res().getContentType();
        if (!c.path().startsWith("/api/") || type != null && type.startsWith("application/json")) {
            return;
        }
        write(
                c,
                ErrorBody.of(
                        "no " + c.method() + " endpoint " + c.path(),
                        "path",
                        c.path(),
                        List.of("the endpoints of /api/v1/openapi.json")));
    }

    /**
     * A method the path is not served under: 405 with the {@code Allow} header and the API's JSON error naming the
     * method and the ones the path takes.
     */
    static void notAllowed(MethodNotAllowedResponse e, Context c) {
        List<String> allowed = Arrays.stream(
                        e.getDetails().getOrDefault("availableMethods", "").split(","))
                .map(String::trim)
                .filter(m -> !m.isEmpty())
                .toList();
        c.status(405).header("Allow", String.join(", ", allowed));
        String method = c.method().name();
        write(c, ErrorBody.of(method + " is not served at " + c.path(), "method", method, allowed));
    }

    /**
     * A request the token check refused ({@link Auth}: 401 without a bearer token, 403 with a wrong one) as the API's
     * JSON error naming the {@code Authorization} header, never echoing what was sent in it.
     */
    static void refused(HttpResponseException e, Context c) {
        if (e.getStatus() == 401) {
            c.header("WWW-Authenticate", "Bearer");
        }
        c.status(e.getStatus());
        write(c, ErrorBody.of(e.getMessage(), "Authorization", null, List.of("Bearer <admin token>")));
    }

    /** Marks the response 503 with {@code Retry-After}. */
    static void unavailable(Context c) {
        c.status(503).header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }

    /**
     * Whether {@code e} (or a cause) says the database cannot serve now rather than that the request or the code is
     * wrong: no connection in time, a connection-class SQL state (08…), or a server shutting down, starting or full.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnableToConnectException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
