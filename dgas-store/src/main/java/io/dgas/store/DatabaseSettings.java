package io.dgas.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection and pool settings, already validated by the configuration layer.
 *
 * <p>Pool sizing follows the SQLAlchemy-style names operators know: {@code poolSize} connections are kept open
 * (HikariCP minimum idle) and up to {@code maxOverflow} more are opened under load (maximum pool size = poolSize +
 * maxOverflow).
 *
 * @param url JDBC URL ({@code jdbc:postgresql://…})
 * @param user user name, or null to take it from the URL
 * @param password password, or null; never printed ({@link #toString()} masks it)
 * @param poolSize connections kept open, ≥ 1
 * @param maxOverflow extra connections opened under load, ≥ 0
 * @param acquireTimeout how long a caller waits for a connection before failing
 * @param maxLifetime connections are retired after this long (recycle)
 * @param prePing validate a connection when it is borrowed after being idle
 */
public record DatabaseSettings(
        String url,
        String user,
        String password,
        int poolSize,
        int maxOverflow,
        Duration acquireTimeout,
        Duration maxLifetime,
        boolean prePing) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be ≥ 1, was " + poolSize);
        }
        if (maxOverflow < 0) {
            throw new IllegalArgumentException("maxOverflow must be ≥ 0, was " + maxOverflow);
        }
    }

    /** Defaults of the {@code default} profile: 5 kept, 20 at most, 30 s acquire timeout, 1 h lifetime. */
    public static DatabaseSettings defaults(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, 5, 15, Duration.ofSeconds(30), Duration.ofHours(1), true);
    }

    public int maxPoolSize() {
        return poolSize + maxOverflow;
    }

    public DatabaseSettings withUrl(String newUrl, String newUser, String newPassword) {
        return new DatabaseSettings(
                newUrl, newUser, newPassword, poolSize, maxOverflow, acquireTimeout, maxLifetime, prePing);
    }

    /**
     * The driver properties of a connection outside the pool (a probe, a lock watch, a plan): the user and password
     * when given, to which the caller adds its own.
     */
    public java.util.Properties credentials() {
        java.util.Properties props = new java.util.Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The URL with any password (parameter or user info) masked, safe to print. */
    public String safeUrl() {
        return maskPassword(url);
    }

    /** Masks the credentials in a JDBC URL ({@link Redact#url}). */
    public static String maskPassword(String jdbcUrl) {
        return Redact.url(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + safeUrl() + ", user=" + user + ", password=" + (password == null ? "" : "****")
                + ", poolSize=" + poolSize + ", maxOverflow=" + maxOverflow + ", acquireTimeout=" + acquireTimeout
                + ", maxLifetime=" + maxLifetime + ", prePing=" + prePing + "]";
    }
}
