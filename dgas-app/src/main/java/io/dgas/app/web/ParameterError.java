package io.dgas.app.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** A request parameter the API cannot use: HTTP 400 with {@code {error, parameter, value, accepted}}, never a 500. */
final class ParameterError {
    private ParameterError() {}

    /** Sets status 400 on {@code c} and returns the body naming the parameter, the value and what is accepted. */
    static Map<String, Object> of(Context c, String parameter, String value, String error, List<String> accepted) {
        c.status(400);
        return body(error, parameter, value, accepted);
    }

    /** The API's error body {@code {error, parameter, value, accepted}}, whatever the status ({@link io.dgas.app.service.ErrorBody}). */
    static Map<String, Object> body(String error, String parameter, String value, List<String> accepted) {
        return io.dgas.app.service.ErrorBody.of(error, parameter, value, accepted);
    }
}
