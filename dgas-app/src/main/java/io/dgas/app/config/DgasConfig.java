package io.dgas.app.config;

import io.dgas.app.config.ConfigLoader.Setting;
import io.dgas.domain.Timeframe;
import io.dgas.store.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated, effective configuration with the source of every value. Immutable; built by {@link ConfigLoader}.
 */
public final class DgasConfig {
    private final Map<String, Setting> values;
    private final Path home;
    private final Path file;
    private final List<String> warnings;

    DgasConfig(Map<String, Setting> values, Path home, Path file) {
        this(values, home, file, List.of());
    }

    private DgasConfig(Map<String, Setting> values, Path home, Path file, List<String> warnings) {
        this.values = Map.copyOf(values);
        this.home = home;
        this.file = file;
        this.warnings = List.copyOf(warnings);
    }

    DgasConfig withWarnings(List<String> w) {
        return new DgasConfig(values, home, file, w);
    }

    /** {@code $DGAS_HOME}, default {@code ~/.dgas}. */
    public Path home() {
        return home;
    }

    /** The config file read, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The setting at {@code path}, or empty when unset. */
    public Optional<Setting> setting(String path) {
        return Optional.ofNullable(values.get(path));
    }

    public Optional<String> string(String path) {
        return setting(path).map(Setting::value).filter(v -> !v.isBlank());
    }

    public int intValue(String path) {
        return Integer.parseInt(required(path).trim());
    }

    public boolean bool(String path) {
        return Boolean.parseBoolean(required(path).trim());
    }

    public long seconds(String path) {
        return parseSeconds(required(path));
    }

    /** A DATE key's value. */
    public java.time.LocalDate date(String path) {
        return parseDate(required(path));
    }

    /** A POSITIVE key's value. */
    public double positive(String path) {
        return parsePositive(required(path));
    }

    /** An ISO date, or null when {@code v} is not one. */
    static java.time.LocalDate parseDate(String v) {
        try {
            return java.time.LocalDate.parse(v.trim());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** A finite number > 0, or NaN when {@code v} is not one. */
    static double parsePositive(String v) {
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) && d > 0 ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    public Timeframe timeframe(String path) {
        return Timeframe.parse(required(path));
    }

    public Profile profile() {
        return Profile.parse(required(ConfigKeys.PROFILE));
    }

    private String required(String path) {
        Setting s = values.get(path);
        if (s == null) {
            throw new IllegalStateException("configuration key " + path + " has no value");
        }
        return s.value();
    }

    /** Whether an external server is configured (otherwise the embedded one is used). */
    public boolean isExternalDatabase() {
        return string(ConfigKeys.DB_URL).isPresent();
    }

    /** Data directory of the embedded server. */
    public Path embeddedDataDir() {
        return string(ConfigKeys.EMBEDDED_DATA_DIR).map(Path::of).orElse(home.resolve("pg"));
    }

    /** The directory of the user's exchange calendars ({@code calendars.dir}, default {@code $DGAS_HOME/calendars}). */
    public Path calendarsDir() {
        return string(ConfigKeys.CALENDARS_DIR).map(Path::of).orElse(home.resolve("calendars"));
    }

    /** Pool settings for {@code url}; user and password come from the configuration when set. */
    public DatabaseSettings databaseSettings(String url) {
        return new DatabaseSettings(
                url,
                string(ConfigKeys.DB_USER).orElse(null),
                string(ConfigKeys.DB_PASSWORD).orElse(null),
                intValue(ConfigKeys.POOL_SIZE),
                intValue(ConfigKeys.MAX_OVERFLOW),
                Duration.ofSeconds(seconds(ConfigKeys.POOL_TIMEOUT)),
                Duration.ofSeconds(seconds(ConfigKeys.POOL_RECYCLE)),
                bool(ConfigKeys.POOL_PRE_PING));
    }

    /** Parses {@code 30}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d} into seconds; null when malformed. */
    static Long parseSeconds(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!v.isEmpty() && Character.isLetter(v.charAt(v.length() - 1))) {
            unit = switch (v.charAt(v.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86_400;
                default -> -1;
            };
            v = v.substring(0, v.length() - 1);
        }
        try {
            return unit < 0 ? null : Math.multiplyExact(Long.parseLong(v), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
