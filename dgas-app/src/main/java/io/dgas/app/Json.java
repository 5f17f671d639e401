package io.dgas.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.OrderStatus;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.Side;
import io.dgas.ledger.Sizing;
import java.io.IOException;
import java.util.Locale;

/**
 * The application's JSON mappers: ISO-8601 times, records as objects, exact decimals written plainly ({@code 0.00000000},
 * not {@code 0E-8}), the ledger's enums in the lower case the API and the CLI read ({@code "side": "buy"}, as an
 * order is placed; they were written {@code "BUY"}; either is read back, so a background job's stored request reads
 * back as it was asked), and timeframes by their codes ({@code "4h"}, as every API body and option names them; a
 * run's {@code --json} wrote {@code "H4"}), read back from a code or the enum's name.
 */
public final class Json {
    /** Compact output with Java's names, for HTTP bodies whose writers name their fields themselves. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(ledgerCodes())
            .registerModule(timeframeCodes())
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Compact output with snake_case names, records' components included: the API's bodies and the JSON the store
     * keeps for them (a backtest's settings and metrics).
     */
    public static final ObjectMapper SNAKE =
            MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /**
     * The HTTP API's bodies: {@link #SNAKE} with Jackson's fast double writer (shortest round-trip digits); also the
     * answers background jobs keep, so a job's answer reads as the synchronous request's.
     */
    public static final ObjectMapper API =
            SNAKE.copy().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());

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

    private static SimpleModule timeframeCodes() {
        SimpleModule m = new SimpleModule("timeframe-codes");
        m.addSerializer(Timeframe.class, new StdSerializer<>(Timeframe.class) {
            @Override
            public void serialize(Timeframe value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.code());
            }
        });
        m.addDeserializer(Timeframe.class, new StdDeserializer<>(Timeframe.class) {
            @Override
            public Timeframe deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String text = p.getValueAsString();
                // the enum's name too: scheduled batches written by a process from before the codes
                for (Timeframe tf : Timeframe.values()) {
                    if (tf.name().equals(text)) {
                        return tf;
                    }
                }
                try {
                    return Timeframe.parse(text);
                } catch (IllegalArgumentException e) {
                    return (Timeframe) c.handleWeirdStringValue(Timeframe.class, text, e.getMessage());
                }
            }
        });
        return m;
    }

    private static <E extends Enum<?>> void add(SimpleModule m, Class<E> type) {
        m.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(E value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        });
        // read back as written, and in the enum's own upper case (JSON written before the codes)
        m.addDeserializer(type, new StdDeserializer<>(type) {
            @Override
            public E deserialize(JsonParser p, DeserializationContext c) throws IOException {
                String text = p.getValueAsString();
                for (E e : type.getEnumConstants()) {
                    if (e.name().equalsIgnoreCase(text)) {
                        return e;
                    }
                }
                return type.cast(c.handleWeirdStringValue(type, text, "not one of the lower-case codes"));
            }
        });
    }
}
