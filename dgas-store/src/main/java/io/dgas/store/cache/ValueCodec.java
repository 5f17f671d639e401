package io.dgas.store.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Encodes cache values for the shared level with Java serialization, decoding only dgas, JDK collection, time and
 * primitive-array classes (an allow-list filter, so a tampered Redis cannot make dgas instantiate arbitrary classes).
 * Values that are not {@link Serializable} are not shared.
 */
final class ValueCodec {
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=1000000;io.dgas.**;java.lang.*;java.util.*;java.time.*;[D;[J;[I;[Z;[B;"
                    + "[Ljava.lang.*;[Ljava.lang.Object;!*");

    private ValueCodec() {}

    /** The bytes of {@code value}, or null when it cannot be shared. */
    static byte[] encode(Object value) {
        if (!(value instanceof Serializable)) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            return null;
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("undecodable shared cache value: " + e.getMessage(), e);
        }
    }
}
