package io.dgas.app.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converters of every numeric option and parameter, which parse as picocli's own do ({@code Integer.valueOf},
 * {@code new BigDecimal}, …) but refuse a value in the user's words: {@code Invalid value for option '--capital':
 * 'abc' is not a number}. Picocli's say {@code is not an int} or, for a {@code BigDecimal}, {@code cannot convert
 * 'abc' to BigDecimal (java.lang.NumberFormatException: Character a is neither…)}.
 */
final class NumberConverters {
    private NumberConverters() {}

    /** Registers the converters on {@code cli} and all its subcommands (before it parses). */
    static void register(CommandLine cli) {
        ITypeConverter<Integer> ints = whole(Integer::valueOf, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ITypeConverter<Long> longs = whole(Long::valueOf, Long.MIN_VALUE, Long.MAX_VALUE);
        ITypeConverter<Double> doubles = decimal(Double::valueOf);
        cli.registerConverter(Integer.class, ints)
                .registerConverter(Integer.TYPE, ints)
                .registerConverter(Long.class, longs)
                .registerConverter(Long.TYPE, longs)
                .registerConverter(Double.class, doubles)
                .registerConverter(Double.TYPE, doubles)
                .registerConverter(BigDecimal.class, decimal(BigDecimal::new));
    }

    /** A whole number between {@code min} and {@code max} (the type's range, named when a value lies beyond it). */
    private static <T> ITypeConverter<T> whole(Function<String, T> parse, long min, long max) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException(
                        isInteger(text)
                                ? "'" + text + "' is out of range (" + min + " to " + max + ")"
                                : "'" + text + "' is not a whole number");
            }
        };
    }

    private static <T> ITypeConverter<T> decimal(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not a number");
            }
        };
    }

    private static boolean isInteger(String text) {
        try {
            new BigInteger(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
