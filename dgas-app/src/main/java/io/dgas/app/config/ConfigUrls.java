package io.dgas.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The keys whose value is a URL dgas connects to, and the schemes each accepts: a webhook or API URL such as
 * {@code file:///etc/passwd} or one carrying control characters is refused at start, not when first used.
 */
final class ConfigUrls {
    private static final Map<String, List<String>> SCHEMES = Map.of(
            ConfigKeys.ALERTS_WEBHOOK, List.of("http", "https"),
            ConfigKeys.API_BASE_URL, List.of("http", "https"),
            ConfigKeys.REDIS_URL, List.of("redis", "rediss"));

    private static final Pattern CLASS_PARAMETER = Pattern.compile("(?i)[?&](socketFactory|socketFactoryArg|sslfactory"
            + "|sslfactoryarg|sslhostnameverifier|sslpasswordcallback|authenticationPluginClassName|loggerFile)=");

    private ConfigUrls() {}

    /** Null when {@code value} is acceptable for {@code path} (or {@code path} is no URL key), else what is. */
    static String problem(String path, String value) {
        if (path.equals(ConfigKeys.DB_URL) || path.equals(ConfigKeys.DB_REPLICAS)) {
            return jdbc(path, value);
        }
        List<String> schemes = SCHEMES.get(path);
        if (schemes == null || value.isEmpty()) {
            return null;
        }
        String wanted = "an absolute " + String.join(" or ", schemes) + " URL with a host";
        if (value.chars().anyMatch(Character::isISOControl)) {
            return wanted + " (no control characters)";
        }
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return schemes.contains(scheme) && u.getHost() != null ? null : wanted;
        } catch (URISyntaxException e) {
            return wanted;
        }
    }

    /**
     * The driver takes any text after its prefix; control characters never belong in it, and parameters that make the
     * driver load and instantiate a named class (or write a log file) turn a URL into code to run.
     */
    private static String jdbc(String path, String value) {
        for (String url : path.equals(ConfigKeys.DB_REPLICAS) ? value.split(",") : new String[] {value}) {
            String u = url.trim();
            if (!u.isEmpty() && (!u.startsWith("jdbc:postgresql:") || u.chars().anyMatch(Character::isISOControl))) {
                return "a JDBC URL of PostgreSQL, jdbc:postgresql://HOST[:PORT]/DATABASE (no control characters)";
            }
            if (CLASS_PARAMETER.matcher(u).find()) {
                return "a JDBC URL without class-loading parameters (socketFactory, sslfactory, sslhostnameverifier,"
                        + " sslpasswordcallback, authenticationPluginClassName, loggerFile)";
            }
        }
        return null;
    }
}
