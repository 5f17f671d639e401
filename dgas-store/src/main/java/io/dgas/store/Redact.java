package io.dgas.store;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Masks secrets before text is printed, logged or returned: credentials inside URLs and whole secret values. The mask
 * keeps the shape (scheme, user, host, parameter names) so an operator still sees where a value points.
 */
public final class Redact {
    /** What a secret is replaced with. */
    public static final String MASK = "****";

    /** {@code scheme://user:password@} → {@code scheme://user:****@}. */
    private static final Pattern USER_PASSWORD = Pattern.compile("(://[^/@:?#\\s]*):[^@/?#\\s]*@");

    /** Redis puts a lone password where other schemes put a user: {@code redis://secret@host}. */
    private static final Pattern REDIS_PASSWORD =
            Pattern.compile("(?i)(rediss?://)[^/@:?#\\s]+@"); // user:password is USER_PASSWORD's case

    /** Query (or JDBC property) parameters whose name says they carry a secret. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&;][^=&#;\\s]*"
            + "(?:password|passwd|pwd|token|secret|key|signature|sig|credential|auth)[^=&#;\\s]*=)[^&#;\\s]*");

    private Redact() {}

    /**
     * {@code text} with the credentials of every URL in it masked: the password of {@code user:password@} (and the
     * lone password of {@code redis://password@}), and the values of query parameters named like secrets
     * ({@code password}, {@code token}, {@code key}, {@code api_key}, {@code access_token}, {@code secret}, …). Null
     * stays null.
     */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        String s = USER_PASSWORD.matcher(text).replaceAll("$1:" + MASK + "@");
        s = REDIS_PASSWORD.matcher(s).replaceAll("$1" + MASK + "@");
        return SECRET_PARAMETER.matcher(s).replaceAll("$1" + MASK);
    }

    /**
     * A value that is secret as a whole: {@link #MASK}, or for a URL its scheme and host followed by the mask (a
     * webhook's path is its key), so the destination stays visible. Null and empty stay as they are.
     */
    public static String secret(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        try {
            URI u = new URI(value.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return scheme + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/" + MASK;
            }
        } catch (java.net.URISyntaxException notAUrl) {
            // not a URL: mask it whole
        }
        return MASK;
    }
}
