package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The encoder writes the PGCOPY layout byte for byte, across buffer flushes. */
class PgBinaryWriterTest {

    @Test
    void finish_oneRow_producesSignatureFieldsAndTrailer() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PgBinaryWriter w = new PgBinaryWriter(sink::write, 1024);

        w.startRow(4);
        w.int8(7);
        w.float8(1.5);
        w.timestamptz(PgBinaryWriter.PG_EPOCH_MICROS + 1_000_000L);
        w.nullValue();
        long rows = w.finish();

        ByteBuffer b = ByteBuffer.wrap(sink.toByteArray());
        byte[] sig = new byte[11];
        b.get(sig);
        assertThat(sig).containsExactly('P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xFF, '\r', '\n', 0);
        assertThat(b.getInt()).as("flags").isZero();
        assertThat(b.getInt()).as("header extension").isZero();
        assertThat(b.getShort()).as("field count").isEqualTo((short) 4);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getLong()).isEqualTo(7);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getDouble()).isEqualTo(1.5);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getLong()).as("one second after 2000-01-01").isEqualTo(1_000_000L);
        assertThat(b.getInt()).as("NULL").isEqualTo(-1);
        assertThat(b.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(b.remaining()).isZero();
        assertThat(rows).isOne();
    }

    @Test
    void startRow_manyRowsInSmallBuffer_flushesInChunksWithoutLosingBytes() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        int[] writes = {0};
        PgBinaryWriter w = new PgBinaryWriter(
                (bytes, off, len) -> {
                    writes[0]++;
                    sink.write(bytes, off, len);
                },
                1024);

        for (int i = 0; i < 1000; i++) {
            w.startRow(2);
            w.int4(i);
            w.text("SYM" + i);
        }
        w.finish();

        assertThat(writes[0]).isGreaterThan(10);
        ByteBuffer b = ByteBuffer.wrap(sink.toByteArray());
        b.position(19);
        for (int i = 0; i < 1000; i++) {
            assertThat(b.getShort()).isEqualTo((short) 2);
            assertThat(b.getInt()).isEqualTo(4);
            assertThat(b.getInt()).isEqualTo(i);
            byte[] t = new byte[b.getInt()];
            b.get(t);
            assertThat(new String(t)).isEqualTo("SYM" + i);
        }
        assertThat(b.getShort()).isEqualTo((short) -1);
    }
}
