package io.dgas.app.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One benchmark client's HTTP/1.1 connection: a blocking socket kept alive across requests (as a browser tab keeps
 * one), each request written and its answer read on the calling thread, the body counted and dropped. The JDK's
 * {@code java.net.http} client spent about half a millisecond of CPU on a 50 KB answer in its asynchronous pipeline,
 * several times what the server spent on a cached one, and on the two cores they share that was what the cached
 * figures measured. Reads a {@code Content-Length} or chunked body; reconnects when the server closed the connection.
 */
final class HttpLoadClient implements AutoCloseable {
    /** An answer: its status, its ETag (null without one) and its body's length in bytes. */
    record Answer(int status, String etag, long bytes) {}

    private final String host;
    private final int port;
    private final byte[] drain = new byte[64 * 1024];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpLoadClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code GET pathAndQuery}, with {@code If-None-Match: ifNoneMatch} unless null. */
    Answer get(String pathAndQuery, String ifNoneMatch) throws IOException {
        boolean reused = socket != null;
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
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        StringBuilder request = new StringBuilder(160)
                .append("GET ")
                .append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        if (ifNoneMatch != null) {
            request.append("If-None-Match: ").append(ifNoneMatch).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String etag = null;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "etag" -> etag = value;
                default -> {}
            }
        }
        long bytes = code == 304 || code == 204 ? 0 : chunked ? chunks() : skip(Math.max(length, 0));
        if (close) {
            close();
        }
        return new Answer(code, etag, bytes);
    }

    private long chunks() throws IOException {
        long total = 0;
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
            total += skip(size);
            line(); // the CRLF after the chunk
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            // trailers: none expected, read past them
        }
        return total;
    }

    private long chunkSize() throws IOException {
        String l = line();
        int ext = l.indexOf(';');
        return Long.parseLong((ext < 0 ? l : l.substring(0, ext)).trim(), 16);
    }

    private long skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            int r = in.read(drain, 0, (int) Math.min(drain.length, left));
            if (r < 0) {
                throw new EOFException("connection closed with " + left + " body bytes unread");
            }
            left -= r;
        }
        return n;
    }

    /** One header line without its CRLF. */
    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed inside the head of an answer");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection the benchmark no longer uses: nothing to do
            }
            socket = null;
        }
    }
}
