package io.dgas.store.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Encodes rows in PostgreSQL's binary COPY format ({@code PGCOPY}) into one reusable buffer, handing full chunks to a
 * {@link Sink}. Memory use is the buffer, whatever the number of rows.
 *
 * <p>Format: an 11-byte signature, a flags word and a header-extension length; per row a 16-bit field count and per
 * field a 32-bit length ({@code -1} for NULL) followed by the value in network byte order; a 16-bit {@code -1}
 * trailer. {@code timestamptz} is microseconds since 2000-01-01 00:00 UTC; {@code float8} is the IEEE 754 bits.
 */
public final class PgBinaryWriter {
    /** Where encoded bytes go (the driver's {@code CopyIn}, or a test buffer). */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int offset, int length) throws java.sql.SQLException;
    }

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z in microseconds since the Unix epoch. */
    static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final Sink sink;
    private final byte[] buf;
    private int pos;
    private long rows;

    public PgBinaryWriter(Sink sink, int bufferSize) throws java.sql.SQLException {
        this.sink = sink;
        this.buf = new byte[Math.max(bufferSize, 1024)];
        System.arraycopy(SIGNATURE, 0, buf, 0, SIGNATURE.length);
        pos = SIGNATURE.length;
        int4raw(0);
        int4raw(0);
    }

    /** Starts a row of {@code fields} values; flushes first when the buffer is nearly full. */
    public void startRow(int fields) throws java.sql.SQLException {
        if (pos > buf.length - 512) {
            flush();
        }
        int2raw(fields);
        rows++;
    }

    public void int8(long v) {
        int4raw(8);
        int8raw(v);
    }

    public void int4(int v) {
        int4raw(4);
        int4raw(v);
    }

    public void float8(double v) {
        int4raw(8);
        int8raw(Double.doubleToRawLongBits(v));
    }

    public void bool(boolean v) {
        int4raw(1);
        buf[pos++] = (byte) (v ? 1 : 0);
    }

    /** A {@code timestamptz} given as microseconds since the Unix epoch. */
    public void timestamptz(long epochMicros) {
        int8(epochMicros - PG_EPOCH_MICROS);
    }

    public void nullValue() {
        int4raw(-1);
    }

    /** A {@code text} value; short strings only (tickers, codes): it must fit the buffer's head-room. */
    public void text(String s) throws java.sql.SQLException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (pos + 4 + b.length > buf.length) {
            flush();
        }
        int4raw(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** Writes the trailer and flushes; returns the number of rows started. */
    public long finish() throws java.sql.SQLException {
        int2raw(-1);
        flush();
        return rows;
    }

    public long rows() {
        return rows;
    }

    private void flush() throws java.sql.SQLException {
        if (pos > 0) {
            sink.write(buf, 0, pos);
            pos = 0;
        }
    }

    private void int2raw(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void int4raw(int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void int8raw(long v) {
        int4raw((int) (v >>> 32));
        int4raw((int) v);
    }
}
