package io.dgas.app.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's error body {@code {error, parameter, value, accepted}}: what a refused request answers and what a failed
 * background job keeps, in one shape.
 */
public final class ErrorBody {
    private ErrorBody() {}

    /** The body naming the parameter at fault (or null), its value as given (or null) and what is accepted. */
    public static Map<String, Object> of(String error, String parameter, String value, List<String> accepted) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("parameter", parameter);
        body.put("value", value);
        body.put("accepted", accepted);
        return body;
    }
}
