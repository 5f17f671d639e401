package io.dgas.app.web;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgas.app.Json;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body read as a JSON object. Not JSON, not an object, or a field named twice is a 400 on {@code body}: a
 * field given twice ({@code "capital": 100, "capital": 200}) would otherwise be read as its last value, silently.
 */
final class JsonBody {
    private static final ObjectReader STRICT =
            Json.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private JsonBody() {}

    /**
     * {@code text} as a JSON object.
     *
     * @param objectOf what the object holds, for the error when it is no object ("rule fields")
     * @param accepted the fields accepted, for the error
     */
    static ObjectNode object(String text, String objectOf, List<String> accepted) {
        JsonNode n;
        try {
            n = STRICT.readTree(text == null ? "" : text);
        } catch (StreamReadException e) {
            Matcher m = DUPLICATE.matcher(e.getOriginalMessage());
            if (m.find()) {
                throw new BadParameterException(
                        m.group(1), shorten(text), "the body names " + m.group(1) + " more than once", accepted);
            }
            throw notJson(text);
        } catch (IOException e) {
            throw notJson(text);
        }
        if (n == null || !n.isObject()) {
            throw new BadParameterException(
                    "body", shorten(text), "the body must be a JSON object" + objectOf, accepted);
        }
        return (ObjectNode) n;
    }

    private static BadParameterException notJson(String text) {
        return new BadParameterException("body", shorten(text), "the body is not JSON", List.of("a JSON object"));
    }

    static String shorten(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
