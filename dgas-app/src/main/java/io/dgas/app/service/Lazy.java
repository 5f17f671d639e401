package io.dgas.app.service;

import java.util.function.Supplier;

/** A value built by the first caller that asks for it, then kept: services of the API, calendars of a market. */
public final class Lazy {
    private Lazy() {}

    /** {@code build}'s value, built at the first {@link Supplier#get} (once, whichever thread asks first). */
    public static <T> Supplier<T> of(Supplier<T> build) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = build.get();
                }
                return value;
            }
        };
    }
}
