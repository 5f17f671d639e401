package io.dgas.store.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * Reading an in-memory source again for a retried load. Only a {@link StringReader} qualifies: it marks and resets
 * for free, where buffering any other stream to replay it would break the ingestors' bounded memory.
 */
final class Rereading {
    private Rereading() {}

    /** Marks the start of {@code reader} when it can be read again; returns whether it can. */
    static boolean start(Reader reader) {
        if (!(reader instanceof StringReader)) {
            return false;
        }
        try {
            reader.mark(0);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code reader} back at its {@link #start} mark when it has one; else as it is. */
    static Reader again(Reader reader) {
        if (reader instanceof StringReader) {
            try {
                reader.reset();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the input again", e);
            }
        }
        return reader;
    }
}
