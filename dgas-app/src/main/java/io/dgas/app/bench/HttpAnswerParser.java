package io.dgas.app.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 answer parsed from whatever pieces a non-blocking socket gives, in any split: the status, the ETag,
 * whether the server closes the connection, and the body's length, its bytes counted and dropped. The head and the
 * chunk-size lines are gathered into a small array of their own, the body is skipped by its length without being
 * looked at, so a large body costs no work per byte. Reads a {@code Content-Length}, chunked or close-delimited body;
 * a 1xx answer but 101 is interim (the final answer follows); 204 and 304 have no body. One parser serves one
 * connection's answers in turn ({@link #reset} before each).
 */
final class HttpAnswerParser {
    /** The longest head or chunk-size line accepted. */
    static final int MAX_LINE = 8192;

    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] ETAG = bytes("etag");

    private enum State {
        STATUS,
        HEADERS,
        BODY,
        BODY_TO_CLOSE,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        DONE
    }

    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private State state;
    private int status;
    private String etag;
    private boolean close;
    private boolean chunked;
    private long length;
    private long left;
    private long bodyBytes;
    private long seen;

    HttpAnswerParser() {
        reset();
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Ready for the next answer on the connection. */
    void reset() {
        state = State.STATUS;
        lineLength = 0;
        status = 0;
        etag = null;
        close = false;
        seen = 0;
        bodyBytes = 0;
    }

    /**
     * Parses bytes {@code [from, to)} of {@code buf} (absolute indexes; its position and limit are not used).
     *
     * @return the index just past the answer's last byte once it is complete, else -1 (all taken, more needed)
     * @throws IOException what the bytes hold is not an HTTP/1.1 answer
     */
    int feed(ByteBuffer buf, int from, int to) throws IOException {
        seen += to - from;
        int i = from;
        while (i < to) {
            switch (state) {
                case BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(left, to - i);
                    i += n;
                    left -= n;
                    bodyBytes += n;
                    if (left == 0) {
                        state = state == State.BODY ? State.DONE : State.CHUNK_END;
                    }
                }
                case BODY_TO_CLOSE -> {
                    bodyBytes += to - i;
                    i = to;
                }
                case DONE -> {
                    return i;
                }
                default -> {
                    int nl = i;
                    while (nl < to && buf.get(nl) != '\n') {
                        nl++;
                    }
                    int n = nl - i;
                    if (lineLength + n > MAX_LINE) {
                        throw new IOException("a line of the answer longer than " + MAX_LINE + " bytes");
                    }
                    buf.get(i, line, lineLength, n);
                    lineLength += n;
                    i = nl;
                    if (nl < to) {
                        i++; // the \n
                        int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                        lineLength = 0;
                        line(end);
                    }
                }
            }
        }
        return state == State.DONE ? i : -1;
    }

    /**
     * The connection ended: true when that ends the answer (a body delimited by the close), false when the answer
     * was cut short or never started.
     */
    boolean closed() {
        if (state == State.BODY_TO_CLOSE) {
            state = State.DONE;
            return true;
        }
        return state == State.DONE;
    }

    /** Whether no byte of this answer has come yet. */
    boolean untouched() {
        return seen == 0;
    }

    int status() {
        return status;
    }

    /** The answer's ETag, null without one. */
    String etag() {
        return etag;
    }

    /** Whether the server said it closes the connection after this answer (or delimits the body by closing it). */
    boolean closes() {
        return close;
    }

    /** The body's length in bytes (after the transfer coding). */
    long bodyBytes() {
        return bodyBytes;
    }

    /** One complete line, {@code line[0, end)} without its CRLF. */
    private void line(int end) throws IOException {
        switch (state) {
            case STATUS -> {
                if (end < 12 || !startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP/1.1 status line: " + text(0, Math.min(end, 40)));
                }
                status = (int) number(9, 12, 10);
                chunked = false;
                length = -1;
                state = State.HEADERS;
            }
            case HEADERS -> {
                if (end == 0) {
                    headEnded();
                } else {
                    header(end);
                }
            }
            case CHUNK_SIZE -> {
                int stop = 0;
                while (stop < end && line[stop] != ';' && line[stop] != ' ') {
                    stop++;
                }
                left = number(0, stop, 16);
                state = left == 0 ? State.TRAILERS : State.CHUNK_DATA;
            }
            case CHUNK_END -> {
                if (end != 0) {
                    throw new IOException("a chunk longer than its size line said");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (end == 0) {
                    state = State.DONE;
                }
            }
            default -> throw new IllegalStateException("no line expected in " + state);
        }
    }

    private void headEnded() {
        if (status >= 100 && status < 200 && status != 101) {
            state = State.STATUS; // interim: the final answer follows
        } else if (status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length >= 0) {
            left = length;
            state = length == 0 ? State.DONE : State.BODY;
        } else {
            close = true;
            state = State.BODY_TO_CLOSE;
        }
    }

    private void header(int end) throws IOException {
        int colon = 0;
        while (colon < end && line[colon] != ':') {
            colon++;
        }
        int v = colon + 1;
        int vEnd = end;
        while (v < vEnd && (line[v] == ' ' || line[v] == '\t')) {
            v++;
        }
        while (vEnd > v && (line[vEnd - 1] == ' ' || line[vEnd - 1] == '\t')) {
            vEnd--;
        }
        if (named(colon, CONTENT_LENGTH)) {
            length = number(v, vEnd, 10);
        } else if (named(colon, TRANSFER_ENCODING)) {
            chunked = text(v, vEnd).toLowerCase(Locale.ROOT).contains("chunked");
        } else if (named(colon, CONNECTION)) {
            close = text(v, vEnd).equalsIgnoreCase("close");
        } else if (named(colon, ETAG)) {
            etag = text(v, vEnd);
        }
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the header name in {@code [0, colon)} is {@code lower} (any case, surrounding blanks ignored). */
    private boolean named(int colon, byte[] lower) {
        int from = 0;
        while (from < colon && line[from] == ' ') {
            from++;
        }
        while (colon > from && line[colon - 1] == ' ') {
            colon--;
        }
        if (colon - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = line[from + i];
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private long number(int from, int end, int radix) throws IOException {
        if (from == end) {
            throw new IOException("an empty number in the answer's head");
        }
        long n = 0;
        for (int i = from; i < end; i++) {
            int d = Character.digit(line[i], radix);
            if (d < 0 || n > (Long.MAX_VALUE - d) / radix) {
                throw new IOException("not a number in the answer's head: " + text(from, end));
            }
            n = n * radix + d;
        }
        return n;
    }

    private String text(int from, int end) {
        return new String(line, from, end - from, StandardCharsets.ISO_8859_1);
    }
}
