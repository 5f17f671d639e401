package io.dgas.app.web;

import io.dgas.app.service.ErrorBody;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** A request parameter the API cannot use: HTTP 400 with {@code {error, parameter, value, accepted}}, never a 500. */
final class ParameterError {
    private ParameterError() {}

    /** Sets status 400 on {@code c} and returns the body naming the parameter, the value and what is accepted. */
    static Map<String, Object> of(Context c, String parameter, String value, String error, List<String> accepted) {
        c.status(400);
        return ErrorBody.of(error, parameter, value, accepted);
    }
}
