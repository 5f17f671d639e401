package io.dgas.app.cli;

import io.dgas.SafeText;
import io.dgas.UserError;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A failure as the JSON object printed on stderr under {@code --json}: {@code error} (the message of the human
 * line), {@code exit_code}, and {@code parameter} / {@code value} (for a data file also {@code line}) when the failure
 * names them, so scripts need not parse the message.
 */
public final class ErrorReport {
    private ErrorReport() {}

    public static Map<String, Object> of(Throwable e, int exitCode) {
        Map<String, Object> m = new LinkedHashMap<>();
        String message = message(e);
        // picocli begins some of its messages (a missing group of options) with its own "Error: "; the line printed
        // already begins with "error: "
        m.put(
                "error",
                e instanceof CommandLine.ParameterException && message.startsWith("Error: ")
                        ? message.substring("Error: ".length())
                        : message);
        m.put("exit_code", exitCode);
        if (e instanceof UserError u) {
            if (u.line() > 0) {
                m.put("line", u.line());
            }
            put(m, u.parameter(), u.value());
        } else if (e instanceof CommandLine.ParameterException p) {
            parameter(m, p);
        }
        return m;
    }

    /**
     * The one-line message: the exception's, or its type when it has none; control characters from input escaped so
     * they never reach the terminal raw.
     */
    public static String message(Throwable e) {
        return SafeText.escape(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
    }

    private static void parameter(Map<String, Object> m, CommandLine.ParameterException p) {
        if (p instanceof CommandLine.UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty()) {
            put(m, null, u.getUnmatched().get(0));
            return;
        }
        if (p instanceof CommandLine.MissingParameterException missing
                && !missing.getMissing().isEmpty()) {
            put(m, name(missing.getMissing().get(0)), null);
            return;
        }
        put(m, name(p.getArgSpec()), p.getValue());
    }

    private static String name(ArgSpec spec) {
        if (spec == null) {
            return null;
        }
        return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
    }

    private static void put(Map<String, Object> m, String parameter, String value) {
        if (parameter != null) {
            m.put("parameter", parameter);
        }
        if (value != null) {
            m.put("value", value);
        }
    }
}
