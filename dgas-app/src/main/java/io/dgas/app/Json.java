package io.dgas.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import io.dgas.ledger.Sizing;
import java.io.IOException;
import java.util.Locale;

/**
 * The application's JSON mappers: ISO-8601 times, records as objects, exact decimals written plainly ({@code 0.00000000},
 * not {@code 0E-8}), and the ledger's enums in the lower case the API and the CLI read ({@code "side": "buy"}, as an
 * order is placed; they were written {@code "BUY"}).
 */
public final class Json {
    /** Compact output with Java's names, for HTTP bodies whose writers name their fields themselves. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(ledgerCodes())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Compact output with snake_case names, records' components included: the API's bodies and the JSON the store
     * keeps for them (a backtest's settings and metrics).
     */
    public static final ObjectMapper SNAKE =
            MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /**
     * Indented output, for the CLI's --json: snake_case names, as the HTTP API writes them ({@code max_loss_per_day}
     * from either face; the CLI wrote Java's {@code maxLossPerDay}).
     */
    public static final ObjectMapper PRETTY = SNAKE.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    private static SimpleModule ledgerCodes() {
        SimpleModule m = new SimpleModule("ledger-codes");
        for (Class<? extends Enum<?>> e :
                java.util.List.of(Side.class, OrderType.class, OrderStatus.class, Sizing.class)) {
            add(m, e);
        }
        return m;
    }

    private static <E extends Enum<?>> void add(SimpleModule m, Class<E> type) {
        m.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(E value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        });
    }
}
