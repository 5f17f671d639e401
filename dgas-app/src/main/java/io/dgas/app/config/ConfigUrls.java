package io.dgas.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys whose value is a URL dgas connects to, and the schemes each accepts: a webhook or API URL such as
 * {@code file:///etc/passwd} or one carrying control characters is refused at start, not when first used.
 */
final class ConfigUrls {
    private static final Map<String, List<String>> SCHEMES = Map.of(
            ConfigKeys.ALERTS_WEBHOOK, List.of("http", "https"),
            ConfigKeys.API_BASE_URL, List.of("http", "https"),
            ConfigKeys.REDIS_URL, List.of("redis", "rediss"));

    private ConfigUrls() {}

    /** Null when {@code value} is acceptable for {@code path} (or {@code path} is no URL key), else what is. */
    static String problem(String path, String value) {
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
}
