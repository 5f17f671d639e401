package io.dgas.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dgas.app.Json;
import io.dgas.app.service.ErrorBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own failures, raised before any route sees the request (a URI Jetty refuses, headers over its limit), as
 * the API's JSON error form instead of Jetty's HTML page: a client of the API parses every error the same way.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String BAD_MESSAGE = "/badMessage";
    private static final List<String> ACCEPTED =
            List.of("a well-formed HTTP request: a URI without control characters or ambiguous encodings, headers"
                    + " within the server's limit");

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason, "").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback)
            throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // a request Jetty could not parse reaches here as its synthetic /badMessage: there is no path to name
        String path = Request.getPathInContext(request);
        path = BAD_MESSAGE.equals(path) ? "" : path;
        response.write(true, ByteBuffer.wrap(body(code, message, path).getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String body(int status, String reason, String path) {
        String error = "malformed request (HTTP " + status + (reason == null ? "" : " " + reason) + ")";
        try {
            return Json.MAPPER.writeValueAsString(ErrorBody.of(error, "request", path, ACCEPTED));
        } catch (JsonProcessingException impossible) {
            return "{\"error\":\"malformed request\"}";
        }
    }
}
