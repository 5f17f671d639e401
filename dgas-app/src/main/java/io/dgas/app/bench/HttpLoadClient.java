package io.dgas.app.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One benchmark client's HTTP/1.1 connection: a blocking socket kept alive across requests (as a browser tab keeps
 * one), each request written and its answer read on the calling thread, the body counted and dropped. The JDK's
 * {@code java.net.http} client spent about half a millisecond of CPU on a 50 KB answer in its asynchronous pipeline,
 * several times what the server spent on a cached one, and on the two cores they share that was what the cached
 * figures measured. So this client reads straight into one direct buffer of its own (a socket stream reads into a
 * direct buffer and copies into the caller's array: a second copy of every body) and parses the head in it, byte by
 * byte, making no string but the ETag. Reads a {@code Content-Length} or chunked body; reconnects when the server
 * closed the connection.
 */
final class HttpLoadClient implements AutoCloseable {
    /** An answer: its status, its ETag (null without one) and its body's length in bytes. */
    record Answer(int status, String etag, long bytes) {}

    static final int BUFFER_BYTES = 256 * 1024;
    private static final byte[] CONTENT_LENGTH = bytes("content-length");
    private static final byte[] TRANSFER_ENCODING = bytes("transfer-encoding");
    private static final byte[] CONNECTION = bytes("connection");
    private static final byte[] ETAG = bytes("etag");

    private final InetSocketAddress address;
    private final byte[] hostLine;
    /** What was read and not yet parsed, between position and limit. */
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);

    private final ByteBuffer out = ByteBuffer.allocateDirect(16 * 1024);
    private SocketChannel channel;

    HttpLoadClient(String host, int port) {
        this.address = new InetSocketAddress(host, port);
        this.hostLine = bytes(" HTTP/1.1\r\nHost: " + host + ':' + port + "\r\n");
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code GET pathAndQuery}, with {@code If-None-Match: ifNoneMatch} unless null. */
    Answer get(String pathAndQuery, String ifNoneMatch) throws IOException {
        boolean reused = channel != null;
        try {
            return exchange(pathAndQuery, ifNoneMatch);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(pathAndQuery, ifNoneMatch); // the server closed an idle connection: once more, anew
        }
    }

    private Answer exchange(String pathAndQuery, String ifNoneMatch) throws IOException {
        if (channel == null) {
            SocketChannel c = SocketChannel.open();
            try {
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.socket().connect(address, 10_000);
            } catch (IOException e) {
                c.close();
                throw e;
            }
            channel = c;
            in.clear().limit(0);
        }
        out.clear();
        ascii("GET ").ascii(pathAndQuery);
        out.put(hostLine);
        if (ifNoneMatch != null) {
            ascii("If-None-Match: ").ascii(ifNoneMatch).ascii("\r\n");
        }
        ascii("\r\n");
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }

        int end = lineEnd();
        int p = in.position();
        if (end - p < 12 || !startsWith(p, "HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 status line");
        }
        int code = (in.get(p + 9) - '0') * 100 + (in.get(p + 10) - '0') * 10 + (in.get(p + 11) - '0');
        in.position(end + 1);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String etag = null;
        for (end = lineEnd(); !blank(in.position(), end); end = lineEnd()) {
            int from = in.position();
            int colon = from;
            while (colon < end && in.get(colon) != ':') {
                colon++;
            }
            int v = colon + 1;
            int vEnd = end;
            while (v < vEnd && in.get(v) == ' ') {
                v++;
            }
            while (vEnd > v && (in.get(vEnd - 1) == '\r' || in.get(vEnd - 1) == ' ')) {
                vEnd--;
            }
            if (named(from, colon, CONTENT_LENGTH)) {
                length = number(v, vEnd, 10);
            } else if (named(from, colon, TRANSFER_ENCODING)) {
                chunked = text(v, vEnd).toLowerCase(Locale.ROOT).contains("chunked");
            } else if (named(from, colon, CONNECTION)) {
                close = text(v, vEnd).equalsIgnoreCase("close");
            } else if (named(from, colon, ETAG)) {
                etag = text(v, vEnd);
            }
            in.position(end + 1);
        }
        in.position(end + 1);
        long bytes = code == 304 || code == 204 ? 0 : chunked ? chunks() : skip(Math.max(length, 0));
        if (close) {
            close();
        }
        return new Answer(code, etag, bytes);
    }

    private HttpLoadClient ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            out.put((byte) s.charAt(i));
        }
        return this;
    }

    private long chunks() throws IOException {
        long total = 0;
        while (true) {
            int end = lineEnd();
            int stop = in.position();
            while (stop < end && in.get(stop) != ';' && in.get(stop) != '\r') {
                stop++;
            }
            long size = number(in.position(), stop, 16);
            in.position(end + 1);
            if (size == 0) {
                break;
            }
            total += skip(size);
            in.position(lineEnd() + 1); // the CRLF after the chunk
        }
        for (int end = lineEnd(); !blank(in.position(), end); end = lineEnd()) {
            in.position(end + 1); // trailers: none expected, read past them
        }
        in.position(lineEnd() + 1);
        return total;
    }

    /** Drops the next {@code n} bytes of the answer, read into the buffer and never copied out. */
    private long skip(long n) throws IOException {
        long left = n;
        int buffered = (int) Math.min(in.remaining(), left);
        in.position(in.position() + buffered);
        left -= buffered;
        while (left > 0) {
            in.clear().limit((int) Math.min(in.capacity(), left)); // never past this answer
            int r = channel.read(in);
            if (r < 0) {
                throw new EOFException("connection closed with " + left + " body bytes unread");
            }
            left -= r;
            in.limit(in.position()); // all of it dropped: nothing unread
        }
        return n;
    }

    /** The index of the next {@code \n} at or after the position, reading more when the buffer has none. */
    private int lineEnd() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = in.position() + scanned; i < in.limit(); i++) {
                if (in.get(i) == '\n') {
                    return i;
                }
            }
            scanned = in.remaining();
            in.compact();
            if (!in.hasRemaining()) {
                throw new IOException("a line of the head longer than " + in.capacity() + " bytes");
            }
            int r = channel.read(in);
            in.flip();
            if (r < 0) {
                throw new EOFException("connection closed inside the head of an answer");
            }
        }
    }

    /** Whether the line [from, end) is empty (CRLF or LF alone). */
    private boolean blank(int from, int end) {
        return end == from || (end == from + 1 && in.get(from) == '\r');
    }

    private boolean startsWith(int from, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (in.get(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the header name in [from, colon) is {@code lower} (any case, surrounding blanks ignored). */
    private boolean named(int from, int colon, byte[] lower) {
        while (from < colon && in.get(from) == ' ') {
            from++;
        }
        while (colon > from && in.get(colon - 1) == ' ') {
            colon--;
        }
        if (colon - from != lower.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = in.get(from + i);
            if ((b >= 'A' && b <= 'Z' ? b + 32 : b) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    private long number(int from, int end, int radix) throws IOException {
        if (from == end) {
            throw new IOException("an empty number in the head of an answer");
        }
        long n = 0;
        for (int i = from; i < end; i++) {
            int d = Character.digit(in.get(i), radix);
            if (d < 0) {
                throw new IOException("not a number in the head of an answer: " + text(from, end));
            }
            n = n * radix + d;
        }
        return n;
    }

    private String text(int from, int end) {
        byte[] b = new byte[end - from];
        in.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a connection the benchmark no longer uses: nothing to do
            }
            channel = null;
        }
    }
}
