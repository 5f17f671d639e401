package io.dgas.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One in-process run of the {@code dgas} command line: its exit code and what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code dgas args} with exactly {@code env} as its environment. */
    public static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code dgas args} with {@code DGAS_HOME=home} and {@code env} as its environment. */
    public static CliRun in(Path home, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("DGAS_HOME", home.toString());
        return of(all, args);
    }

    /** Runs {@code dgas args} with {@code DGAS_HOME=home}, {@code DGAS_DATABASE_URL=url} and {@code env} added. */
    public static CliRun of(Path home, String url, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("DGAS_DATABASE_URL", url);
        return in(home, all, args);
    }

    /** The JSON printed by {@code dgas --json args} (as {@link #of(Path, String, Map, String...)}), which must exit 0. */
    public static com.fasterxml.jackson.databind.JsonNode json(Path home, String url, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "--json";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun r = of(home, url, Map.of(), all);
        if (r.code() != 0) {
            throw new AssertionError(String.join(" ", args) + ": exit " + r.code() + ": " + r.err());
        }
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    }
}
