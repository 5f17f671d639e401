package io.dgas.app.config;

import io.dgas.domain.Timeframe;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Resolves the effective configuration once, at start.
 *
 * <p>Precedence, highest first: flags, environment, file, profile, defaults. The file is {@code --config}, else
 * {@code ./dgas.yaml}, else {@code $DGAS_HOME/dgas.yaml}. Every value is checked against its {@link ConfigKey}; an
 * unknown key, a wrong type or a value out of range fails with the key, where it was set (file and line, variable or
 * flag) and the accepted range. Poor but legal values become warnings.
 */
public final class ConfigLoader {
    private final Map<String, String> env;
    private final Path workingDir;

    public ConfigLoader(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    /**
     * @param explicitFile {@code --config}, or null to search
     * @param flags key path → value set by command-line flags
     * @param flagNames key path → the flag that set it (for messages)
     */
    public DgasConfig load(Path explicitFile, Map<String, String> flags, Map<String, String> flagNames) {
        Path home = home();
        Path file = locate(explicitFile, home);
        Map<String, Setting> fileValues = file == null ? Map.of() : readFile(file);

        Map<String, Setting> resolved = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKeys.all()) {
            if (key.defaultValue() != null) {
                resolved.put(key.path(), new Setting(key.defaultValue(), "default"));
            }
        }
        Map<String, Setting> fromEnv = readEnv();
        Setting profileSetting = firstOf(ConfigKeys.PROFILE, flags, flagNames, fromEnv, fileValues, resolved);
        check(ConfigKeys.find(ConfigKeys.PROFILE), profileSetting);
        Profile profile = Profile.parse(profileSetting.value());
        profile.overrides().forEach((k, v) -> resolved.put(k, new Setting(v, "profile " + profile.code())));
        resolved.putAll(fileValues);
        resolved.putAll(fromEnv);
        flags.forEach((k, v) -> resolved.put(k, new Setting(v, "flag " + flagNames.getOrDefault(k, k))));

        resolved.forEach((path, s) -> check(ConfigKeys.find(path), s));
        pairTimeframes(resolved);
        DgasConfig config = new DgasConfig(resolved, home, file);
        List<String> w = new ArrayList<>(warnings(config));
        w.addAll(unknownEnv());
        return config.withWarnings(w);
    }

    /** DGAS_ variables that are not configuration but read by the launcher, the home or the test fixtures. */
    private static final java.util.Set<String> OTHER_ENV =
            java.util.Set.of("DGAS_HOME", "DGAS_JAVA_OPTS", "DGAS_TEST_DATABASE_URL", "DGAS_HYPOPG_TEST_URL");

    /**
     * A warning per {@code DGAS_} variable that sets nothing (a misspelt key's variable was ignored without a word),
     * naming the nearest key variable when one is a few letters away.
     */
    private List<String> unknownEnv() {
        java.util.Set<String> known = new java.util.TreeSet<>(OTHER_ENV);
        ConfigKeys.all().forEach(k -> known.addAll(k.env()));
        List<String> w = new ArrayList<>();
        env.keySet().stream()
                .filter(n -> n.startsWith("DGAS_") && !known.contains(n))
                .sorted()
                .forEach(n -> {
                    String near = null;
                    int best = 4;
                    for (String k : known) {
                        int d = distance(n, k);
                        if (d < best) {
                            best = d;
                            near = k;
                        }
                    }
                    w.add("environment variable " + n + " sets no configuration key and is ignored"
                            + (near == null
                                    ? " (dgas configure show lists the keys)"
                                    : "; did you mean " + near + "?"));
                });
        return w;
    }

    /** The names under {@code prefix} ("" or "section."): keys, and subsections as {@code name:}. */
    private static Set<String> children(String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (ConfigKey k : ConfigKeys.all()) {
            if (k.path().startsWith(prefix)) {
                String rest = k.path().substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add(dot < 0 ? rest : rest.substring(0, dot) + ":");
            }
        }
        return names;
    }

    /** Levenshtein distance (few and short names: the plain two-row table). */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private Path home() {
        String h = env.get("DGAS_HOME");
        return h != null && !h.isBlank()
                ? Path.of(h).toAbsolutePath()
                : Path.of(System.getProperty("user.home"), ".dgas");
    }

    private Path locate(Path explicitFile, Path home) {
        if (explicitFile != null) {
            Path p = workingDir.resolve(explicitFile);
            if (!Files.isRegularFile(p)) {
                throw new UnableToConfigureException("config file " + p + " (from --config) does not exist");
            }
            return p;
        }
        for (Path candidate : List.of(workingDir.resolve("dgas.yaml"), home.resolve("dgas.yaml"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private Map<String, Setting> readEnv() {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKeys.all()) {
            for (String name : key.env()) {
                String v = env.get(name);
                if (v != null && !v.isEmpty()) {
                    out.put(key.path(), new Setting(v, "env " + name));
                    break;
                }
            }
        }
        return out;
    }

    /** Reads {@code file} into key path → value with file:line sources, rejecting unknown keys. */
    static Map<String, Setting> readFile(Path file) {
        Node root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(r);
        } catch (MarkedYAMLException e) {
            throw new UnableToConfigureException("config file " + file + " line "
                    + (e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new UnableToConfigureException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, Setting> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof MappingNode map)) {
            throw new UnableToConfigureException("config file " + file + " line " + line(root)
                    + ": expected a mapping of keys (e.g. 'database:'), found " + root.getNodeId());
        }
        flatten(file, "", map, out);
        return out;
    }

    private static void flatten(Path file, String prefix, MappingNode map, Map<String, Setting> out) {
        for (NodeTuple t : map.getValue()) {
            String name = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            Node value = t.getValueNode();
            String where = "config file " + file + " line " + line(t.getKeyNode());
            if (value instanceof MappingNode child) {
                if (!ConfigKeys.isSection(path)) {
                    throw unknown(path, where);
                }
                flatten(file, path, child, out);
            } else if (ConfigKeys.find(path) == null && ConfigKeys.isSection(path)) {
                throw new UnableToConfigureException("'" + path + "' in " + where
                        + " is a section, not a value: give its keys on the lines below it, indented; known under '"
                        + path + ":': " + String.join(", ", children(path + ".")));
            } else if (ConfigKeys.find(path) == null) {
                throw unknown(path, where);
            } else if (!(value instanceof ScalarNode scalar)) {
                throw new UnableToConfigureException("key '" + path + "' in " + where + ": expected "
                        + ConfigKeys.find(path).accepted() + ", found a " + value.getNodeId());
            } else if (out.containsKey(path)) {
                throw new UnableToConfigureException("key '" + path + "' in " + where + " is set twice");
            } else {
                out.put(path, new Setting(scalar.getValue(), "file " + file + ":" + line(t.getKeyNode())));
            }
        }
    }

    /**
     * An unknown key's error: the names a file may use at that level (keys, and sections as {@code name:}), and the
     * closest of them when the name looks like a misspelling of it (at most two edits).
     */
    private static UnableToConfigureException unknown(String path, String where) {
        String section = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
        String prefix = section.isEmpty() ? "" : section + ".";
        Set<String> near = children(prefix);
        String name = path.substring(prefix.length());
        String closest = null;
        int best = 3;
        for (String n : near) {
            int d = distance(name, n.endsWith(":") ? n.substring(0, n.length() - 1) : n);
            if (d < best) {
                best = d;
                closest = n;
            }
        }
        return new UnableToConfigureException("unknown key '" + path + "' in " + where
                + (closest == null ? "" : "; did you mean '" + prefix + closest.replace(":", "") + "'?")
                + (near.isEmpty()
                        ? ""
                        : "; known " + (section.isEmpty() ? "at the top level" : "under '" + section + ":'") + ": "
                                + String.join(", ", near)));
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    @SafeVarargs
    private static Setting firstOf(
            String path, Map<String, String> flags, Map<String, String> flagNames, Map<String, Setting>... layers) {
        if (flags.containsKey(path)) {
            return new Setting(flags.get(path), "flag " + flagNames.getOrDefault(path, path));
        }
        for (Map<String, Setting> layer : layers) {
            if (layer.containsKey(path)) {
                return layer.get(path);
            }
        }
        throw new IllegalStateException("no value for " + path);
    }

    /** Validates one value against its key; throws naming the key, the source and the accepted range. */
    static void check(ConfigKey key, Setting s) {
        String v = s.value().trim();
        boolean ok = switch (key.type()) {
            case STRING -> true;
            case BOOL -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
            case ENUM -> key.choices().contains(v.toLowerCase(java.util.Locale.ROOT));
            case INT -> inRange(parseLong(v), key);
            case SECONDS -> inRange(DgasConfig.parseSeconds(v), key);
            case DATE -> DgasConfig.parseDate(v) != null;
            case POSITIVE ->
                DgasConfig.parsePositive(v) > 0 && (key.max() == 0 || DgasConfig.parsePositive(v) <= key.max());
        };
        String urlProblem = ok ? ConfigUrls.problem(key.path(), v) : null;
        if (!ok || urlProblem != null) {
            throw new UnableToConfigureException("invalid value '" + key.printable(v) + "' for key '" + key.path()
                    + "' (" + s.source() + "); accepted: " + (urlProblem != null ? urlProblem : key.accepted()));
        }
    }

    /**
     * The cycle's two timeframes must pair ({@link Timeframe#isHigherOver}): a trading timeframe set without a higher
     * one takes its default pair (1d: 1w), as {@code --trading} does; a pair that cannot work fails naming both keys,
     * where each was set and the higher timeframes that would do.
     */
    private static void pairTimeframes(Map<String, Setting> resolved) {
        Setting trading = resolved.get(ConfigKeys.TRADING);
        Setting htf = resolved.get(ConfigKeys.HTF);
        Timeframe t = Timeframe.parse(trading.value());
        if (htf.source().equals("default")
                && !trading.source().equals("default")
                && t.defaultHigher().isPresent()) {
            htf = new Setting(t.defaultHigher().get().code(), "paired with " + ConfigKeys.TRADING);
            resolved.put(ConfigKeys.HTF, htf);
        }
        Timeframe h = Timeframe.parse(htf.value());
        if (!h.isHigherOver(t)) {
            throw new UnableToConfigureException("keys '" + ConfigKeys.HTF + "' (" + h + ", " + htf.source() + ") and '"
                    + ConfigKeys.TRADING + "' (" + t + ", " + trading.source() + ") do not pair: the higher timeframe"
                    + " must be coarser than and a whole multiple of the trading one; accepted for '" + ConfigKeys.HTF
                    + "': " + (t.highers().isEmpty() ? "none (" + t + " is the coarsest)" : t.highers()));
        }
    }

    private static Long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean inRange(Long n, ConfigKey key) {
        return n != null && n >= key.min() && n <= key.max();
    }

    private static List<String> warnings(DgasConfig c) {
        List<String> w = new ArrayList<>();
        int maxPool = c.intValue(ConfigKeys.POOL_SIZE) + c.intValue(ConfigKeys.MAX_OVERFLOW);
        int workers = c.intValue(ConfigKeys.WORKERS);
        if (maxPool < workers + 1) {
            w.add("database pool maximum (pool_size + max_overflow = " + maxPool
                    + ") is smaller than cycle.workers + 1 (" + (workers + 1)
                    + "): analysis workers will wait for connections");
        }
        if (c.seconds(ConfigKeys.POOL_TIMEOUT) > 60) {
            w.add("database.pool_timeout above 60 s lets callers hang a long time when the database is down");
        }
        if (c.intValue(ConfigKeys.SLOW_QUERY_MS) < 10) {
            w.add("monitor.slow_query_ms below 10 ms will log most queries as slow");
        }
        long maxLag = c.seconds(ConfigKeys.DB_REPLICA_MAX_LAG);
        long check = c.seconds(ConfigKeys.DB_REPLICA_CHECK_INTERVAL);
        if (c.string(ConfigKeys.DB_REPLICAS).isPresent() && maxLag < 2 * check) {
            w.add("database.replica_max_lag (" + maxLag + " s) is less than twice database.replica_check_interval ("
                    + check + " s): a replica that keeps up can still be taken out between two checks");
        }
        return w;
    }

    /** A value and where it came from ({@code default}, {@code profile x}, {@code file f:12}, {@code env X}, ...). */
    public record Setting(String value, String source) {}
}
