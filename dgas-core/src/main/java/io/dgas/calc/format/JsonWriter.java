package io.dgas.calc.format;

import java.util.Arrays;

/**
 * A minimal pretty-printing JSON writer (2-space indent) into a {@link StringBuilder}: strings are escaped per RFC
 * 8259, doubles use {@link Num#json} (non-finite → {@code null}). Callers are responsible for a well-formed sequence.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private boolean[] hasItems = new boolean[8];
    private int depth;
    private boolean afterName;

    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        open('{');
        return this;
    }

    public JsonWriter endObject() {
        close('}');
        return this;
    }

    public JsonWriter beginArray() {
        open('[');
        return this;
    }

    public JsonWriter endArray() {
        close(']');
        return this;
    }

    public JsonWriter name(String name) {
        separator();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        separator();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(double v) {
        separator();
        out.append(Num.json(v));
        return this;
    }

    public JsonWriter value(long v) {
        separator();
        out.append(v);
        return this;
    }

    public JsonWriter value(boolean v) {
        separator();
        out.append(v);
        return this;
    }

    private void open(char c) {
        separator();
        out.append(c);
        depth++;
        if (depth == hasItems.length) {
            hasItems = Arrays.copyOf(hasItems, depth * 2);
        }
        hasItems[depth] = false;
    }

    private void close(char c) {
        boolean had = hasItems[depth];
        depth--;
        if (had) {
            newline();
        }
        out.append(c);
    }

    private void separator() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasItems[depth]) {
                out.append(',');
            }
            hasItems[depth] = true;
            newline();
        }
    }

    private void newline() {
        out.append('\n');
        for (int k = 0; k < depth; k++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
