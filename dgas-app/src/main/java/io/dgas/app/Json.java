package io.dgas.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapper of the application: ISO-8601 times, records as objects. */
public final class Json {
    /** Compact output, for HTTP bodies. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Indented output, for the CLI's --json: snake_case names, as the HTTP API writes them ({@code max_loss_per_day}
     * from either face; the CLI wrote Java's {@code maxLossPerDay}).
     */
    public static final ObjectMapper PRETTY = MAPPER.copy()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}
}
