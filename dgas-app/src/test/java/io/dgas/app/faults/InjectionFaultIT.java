package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dgas.app.cli.DgasCommand;
import io.dgas.testkit.PostgresExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The injection corpus: hostile values through every CLI option and HTTP parameter that reaches SQL, a process, a file
 * path or a URL. Nothing may execute: the tables and roles stay, market-data checksums stay, no marker file appears,
 * {@code /etc/passwd} is untouched, and no request leaves for an unexpected path. Each value is refused (exit 2, HTTP
 * 4xx) or handled as plain data (exit 0, HTTP 200); any other outcome is a failure.
 *
 * <p>The CLI runs in-process through {@link DgasCommand#run} (the same parsing and code as {@code main}); the HTTP
 * endpoints are those of a real {@code dgas serve} started from the fat jar as a child process. NUL bytes go only where
 * they can arrive (HTTP, files, config): a process's arguments cannot carry one.
 */
class InjectionFaultIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path tmp;

    private static final String TOKEN = "injection-admin-token";
    private static Path marker;
    private static Path home;
    private static Path goodBars;
    private static Path badBars;
    private static Path ticks;
    private static List<String> payloads;
    private static String before;
    private static String passwdBefore;

    private final List<String> violations = new ArrayList<>();
    private int tried;
    private int refused;
    private int asData;

    @BeforeAll
    static void seed() throws Exception {
        marker = tmp.resolve("pwned");
        home = Files.createDirectories(tmp.resolve("home"));
        goodBars = Files.writeString(
                tmp.resolve("good.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-02,AAPL,1d,10,11,9,10.5,100\n2024-01-03,AAPL,1d,10.5,12,10,11,120\n"
                        + "2024-01-04,AAPL,1d,11,12,10.5,11.5,90\n");
        badBars = Files.writeString(
                tmp.resolve("bad.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n2024-01-05,AAPL,1d,11,10,12,11,90\n");
        ticks = Files.writeString(tmp.resolve("ticks.csv"), "timestamp,price,amount\n1704153600,42000,0.5\n");
        Run seeded = run(Map.of(), "ingest", "bars", goodBars.toString(), "--create-symbols");
        assertThat(seeded.code()).as(seeded.err()).isZero();
        String m = marker.toString();
        payloads = List.of(
                "'; DROP TABLE bars; --",
                "AAPL' OR '1'='1",
                "1; DELETE FROM symbols",
                "bars\"; DROP TABLE symbols; --",
                "$(touch " + m + ")",
                "`touch " + m + "`",
                "; touch " + m,
                "| touch " + m + " #",
                "../../etc/passwd",
                "/etc/passwd",
                "file:///etc/passwd",
                "pg_catalog.pg_authid",
                "information_schema.tables",
                "pg_toast.pg_toast_1255",
                "${jndi:ldap://127.0.0.1:1/a}",
                "\u001b[2J\u001b]0;owned\u0007",
                "x".repeat(100_000));
        before = snapshot();
        passwdBefore = sha256(Path.of("/etc/passwd"));
    }

    record Run(int code, String out, String err) {}

    private static Run run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("DGAS_HOME", home.toString());
        List<String> all = new ArrayList<>(List.of("--db-url", PG.jdbcUrl()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(
                all.toArray(String[]::new), env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** One CLI path: a name and the arguments with the payload in place. */
    record Vector(String name, Function<String, String[]> args, Set<Integer> accepted) {
        Vector(String name, Function<String, String[]> args) {
            this(name, args, Set.of(0, 2));
        }
    }

    /**
     * The payloads a path that reaches the database gets (each such run opens a pool, so not all of them): SQL, a
     * quoted identifier, a command substitution, a catalog, control characters, a long value.
     */
    private static List<String> sqlPayloads() {
        return List.of(
                payloads.get(0),
                payloads.get(1),
                payloads.get(3),
                payloads.get(4),
                payloads.get(11),
                payloads.get(15),
                payloads.get(16));
    }

    private void cli(Vector v, List<String> values, Map<String, String> env) {
        for (String p : values) {
            tried++;
            Run r = run(env, v.args().apply(p));
            if (r.code() == 2 || (r.code() == 3 && v.accepted().contains(3))) {
                refused++;
            } else if (r.code() == 0 && v.accepted().contains(0)) {
                asData++;
            } else {
                violations.add(v.name() + " [" + shown(p) + "] exit " + r.code() + ": " + shown(r.err()));
            }
            if (r.err().contains("\tat ")) {
                violations.add(v.name() + " [" + shown(p) + "] printed a stack trace");
            }
        }
    }

    private static String shown(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 160 ? t.substring(0, 160) + "…" : t;
    }

    private static String[] a(String... args) {
        return args;
    }

    @Test
    void corpus_everyPathThatReachesSqlAProcessAFileOrAUrl_nothingExecutes() throws Exception {
        long start = System.nanoTime();
        cliVectors();
        long cliDone = System.nanoTime();
        configVectors();
        apiVectors();
        int cliTried = tried;
        long httpStart = System.nanoTime();
        httpVectors();

        assertThat(marker).as("marker file").doesNotExist();
        assertThat(snapshot()).as("tables, roles, market data").isEqualTo(before);
        assertThat(sha256(Path.of("/etc/passwd"))).isEqualTo(passwdBefore);
        System.out.printf(
                "injection corpus: %d payloads, %d tried (cli %d, http %d), refused %d, as data %d, executed 0,"
                        + " violations %d, %.1f s (cli options %.1f s, config and api %.1f s, serve %.1f s)%n",
                payloads.size(),
                tried,
                cliTried,
                tried - cliTried,
                refused,
                asData,
                violations.size(),
                (System.nanoTime() - start) / 1e9,
                (cliDone - start) / 1e9,
                (httpStart - cliDone) / 1e9,
                (System.nanoTime() - httpStart) / 1e9);
        assertThat(violations).isEmpty();
    }

    private void cliVectors() throws Exception {
        Path noSymbolColumn = Files.writeString(
                tmp.resolve("dates.csv"), "date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n");
        // a portfolio to place orders in: its symbol and client order id reach SQL
        String book = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run(Map.of(), "--json", "portfolio", "create", "inj-book", "--capital", "100000")
                        .out())
                .get("id")
                .asText();
        List<Vector> vectors = List.of(
                new Vector(
                        "orders place --symbol",
                        p -> a("orders", "place", book, "--symbol", p, "--side", "buy", "--quantity", "1")),
                new Vector(
                        "orders place --client-order-id",
                        p -> a(
                                "orders",
                                "place",
                                book,
                                "--symbol",
                                "AAPL",
                                "--side",
                                "buy",
                                "--quantity",
                                "1",
                                "--client-order-id",
                                p)),
                new Vector(
                        "ingest bars --symbol",
                        p -> a("ingest", "bars", noSymbolColumn.toString(), "--symbol", p, "--interval", "1d")),
                new Vector(
                        "ingest bars --interval",
                        p -> a("ingest", "bars", noSymbolColumn.toString(), "--symbol", "AAPL", "--interval", p)),
                new Vector("ingest bars FILE", p -> a("ingest", "bars", p)),
                new Vector(
                        "ingest bars file content",
                        p -> a("ingest", "bars", csvWithSymbol(p).toString())),
                new Vector("ingest ticks --symbol", p -> a("ingest", "ticks", ticks.toString(), "--symbol", p)),
                new Vector("aggregate --symbol", p -> a("aggregate", "--symbol", p, "--from", "1d", "--to", "1w")),
                new Vector("aggregate --from", p -> a("aggregate", "--symbol", "AAPL", "--from", p, "--to", "1w")),
                new Vector("aggregate --to", p -> a("aggregate", "--symbol", "AAPL", "--from", "1d", "--to", p)),
                new Vector(
                        "aggregate --session",
                        p -> a(
                                "aggregate",
                                "--symbol",
                                "AAPL",
                                "--from",
                                "1d",
                                "--to",
                                "1w",
                                "--session",
                                p,
                                "09:30-16:00")),
                new Vector("data delete --symbol", p -> a("data", "delete", "--symbol", p)),
                new Vector("data restore --symbol", p -> a("data", "restore", "--symbol", p)),
                new Vector("data export --symbol", p -> a("data", "export", "--symbol", p)),
                new Vector("data delete --interval", p -> a("data", "delete", "--symbol", "AAPL", "--interval", p)),
                new Vector("data delete --from", p -> a("data", "delete", "--symbol", "AAPL", "--from", p)),
                new Vector("data purge --older-than", p -> a("data", "purge", "--older-than", p)),
                new Vector("analyze SYMBOL", p -> a("analyze", p)),
                new Vector("analyze --htf", p -> a("analyze", "AAPL", "--htf", p)),
                new Vector("analyze --bars", p -> a("analyze", "--bars", p)),
                new Vector("cycle --symbols", p -> a("cycle", "--symbols", p)),
                new Vector("cycle --htf", p -> a("cycle", "--symbols", "AAPL", "--htf", p)),
                new Vector(
                        "alerts rules add --type",
                        p -> a(
                                "alerts",
                                "rules",
                                "add",
                                "--name",
                                "t",
                                "--type",
                                p,
                                "--symbol",
                                "AAPL",
                                "--threshold",
                                "1")),
                new Vector(
                        "alerts rules add --symbol",
                        p -> a(
                                "alerts",
                                "rules",
                                "add",
                                "--name",
                                "s",
                                "--type",
                                "threshold",
                                "--symbol",
                                p,
                                "--threshold",
                                "1")),
                new Vector(
                        "alerts rules add --symbols",
                        p -> a(
                                "alerts",
                                "rules",
                                "add",
                                "--name",
                                "ss",
                                "--type",
                                "signal",
                                "--symbols",
                                p,
                                "--threshold",
                                "0.5")),
                new Vector(
                        "alerts rules add --condition",
                        p -> a(
                                "alerts",
                                "rules",
                                "add",
                                "--name",
                                "c",
                                "--type",
                                "threshold",
                                "--symbol",
                                "AAPL",
                                "--condition",
                                p,
                                "--threshold",
                                "1")),
                new Vector(
                        "alerts rules add --timeframe",
                        p -> a(
                                "alerts",
                                "rules",
                                "add",
                                "--name",
                                "f",
                                "--type",
                                "threshold",
                                "--symbol",
                                "AAPL",
                                "--timeframe",
                                p,
                                "--threshold",
                                "1")),
                new Vector("alerts rules rm", p -> a("alerts", "rules", "rm", p)),
                new Vector("alerts log --since", p -> a("alerts", "log", "--since", p)),
                new Vector("db-optimizer vacuum --table", p -> a("db-optimizer", "vacuum", "--table", p, "--apply")),
                new Vector("db-optimizer analyze --table", p -> a("db-optimizer", "analyze", "--table", p, "--apply")),
                new Vector(
                        "db-optimizer unused-indexes --min-size",
                        p -> a("db-optimizer", "unused-indexes", "--min-size", p)),
                new Vector(
                        "db-optimizer slow-queries --lookback",
                        p -> a("db-optimizer", "slow-queries", "--lookback", p)),
                new Vector("monitor database --lookback", p -> a("monitor", "database", "--lookback", p)),
                new Vector("--config", p -> a("--config", p, "configure", "show")),
                new Vector("cache stats --server", p -> a("cache", "stats", "--server", p)),
                new Vector("--db-url", p -> a("--db-url", p, "status"), Set.of(2, 3)));
        for (Vector v : vectors) {
            boolean everything = v.name().startsWith("-")
                    || v.name().startsWith("cache")
                    || v.name().contains("FILE")
                    || v.name().contains("--bars");
            cli(v, everything ? payloads : sqlPayloads(), Map.of());
        }
        // rule names are plain data: stored exactly as given (or refused: control characters, too long)
        for (String p : payloads) {
            int wasData = asData;
            cli(
                    new Vector(
                            "alerts rules add --name",
                            x -> a(
                                    "alerts",
                                    "rules",
                                    "add",
                                    "--name",
                                    x,
                                    "--type",
                                    "threshold",
                                    "--symbol",
                                    "AAPL",
                                    "--threshold",
                                    "1")),
                    List.of(p),
                    Map.of());
            if (asData > wasData && !ruleNames().contains(p)) {
                violations.add("rule name [" + shown(p) + "] not stored as given");
            }
        }
        // system catalogs are named, quoted, as the catalog has them; refused without --system
        for (String table : List.of("pg_catalog.pg_authid", "pg_catalog.pg_class", "information_schema.sql_features")) {
            tried++;
            Run r = run(Map.of(), "db-optimizer", "vacuum", "--table", table);
            if (r.code() == 2 && r.err().contains("--system")) {
                refused++;
            } else {
                violations.add("vacuum --table " + table + " without --system: exit " + r.code());
            }
        }
        Run allowed = run(Map.of(), "db-optimizer", "analyze", "--table", "pg_catalog.pg_class", "--system");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("ANALYZE \"pg_catalog\".\"pg_class\"");
        // file paths written by dgas: a hostile name is a name, never a command
        Vector rejects = new Vector(
                "ingest bars --rejects",
                p -> a(
                        "ingest",
                        "bars",
                        badBars.toString(),
                        "--skip-invalid",
                        "--rejects",
                        tmp.resolve("rej").resolve(p.replace('/', '_')).toString()));
        Files.createDirectories(tmp.resolve("rej"));
        cli(rejects, payloads.subList(4, 8), Map.of());
        Vector out = new Vector(
                "analyze --out",
                p -> a(
                        "analyze",
                        "--bars",
                        goodBars.toString(),
                        "--out",
                        tmp.resolve("out").resolve(p.replace('/', '_')).toString()));
        cli(out, payloads.subList(4, 8), Map.of());
        Files.createDirectories(tmp.resolve("out"));
        Vector export = new Vector(
                "data export --out",
                p -> a(
                        "data",
                        "export",
                        "--symbol",
                        "AAPL",
                        "--out",
                        tmp.resolve("out").resolve(p.replace('/', '_')).toString()));
        cli(export, payloads.subList(4, 8), Map.of());
        Vector report = new Vector(
                "monitor performance-report --html",
                p -> a(
                        "monitor",
                        "performance-report",
                        "--html",
                        tmp.resolve("out").resolve(p.replace('/', '_')).toString()));
        cli(report, payloads.subList(4, 8), Map.of());
        // the one path that starts a process (psql's \copy in the ingest benchmark): the file name is an argument and
        // quoted for psql, never shell text nor a second psql command
        Path benchDir = tmp.resolve("q' \\! touch " + marker + " '$(touch " + marker + ")");
        cli(
                new Vector("benchmark ingest --dir", p -> a("benchmark", "ingest", "--rows", "100", "--dir", p)),
                List.of(benchDir.toString()),
                Map.of());
    }

    private static Path csvWithSymbol(String symbol) {
        try {
            return Files.writeString(
                    tmp.resolve("content.csv"),
                    "timestamp,symbol,interval,open,high,low,close,volume\n2024-02-01,\"" + symbol.replace("\"", "\"\"")
                            + "\",1d,10,11,9,10.5,100\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void configVectors() throws IOException {
        for (String key : List.of("DGAS_ALERTS_WEBHOOK_URL", "DGAS_API_BASE_URL", "DGAS_CACHE_REDIS_URL")) {
            List<String> urls = new ArrayList<>(payloads);
            urls.add("http://127.0.0.1:1/$(touch " + marker + ")");
            urls.add("gopher://127.0.0.1:6379/_FLUSHALL");
            for (String p : urls) {
                tried++;
                Run r = run(Map.of(key, p), "configure", "verify");
                if (r.code() == 2) {
                    refused++;
                } else {
                    violations.add(key + " [" + shown(p) + "] exit " + r.code());
                }
            }
        }
        // a config file can carry what the shell cannot: NUL and other control characters
        for (String value : List.of("http://127.0.0.1:1/\\0x", "http://127.0.0.1:1/\\e[2J", "file:///etc/passwd")) {
            tried++;
            Path cfg = Files.writeString(tmp.resolve("c.yaml"), "alerts:\n  webhook_url: \"" + value + "\"\n");
            Run r = run(Map.of(), "--config", cfg.toString(), "configure", "verify");
            if (r.code() == 2) {
                refused++;
            } else {
                violations.add("config file alerts.webhook_url [" + value + "] exit " + r.code());
            }
        }
        cli(
                new Vector("--db-url class-loading parameter", p -> a("--db-url", p, "status")),
                List.of(
                        "jdbc:postgresql://127.0.0.1:1/x?socketFactory=java.io.FileOutputStream&socketFactoryArg="
                                + marker,
                        "jdbc:postgresql://127.0.0.1:1/x?loggerFile=" + marker),
                Map.of());
    }

    /** {@code ingest api}: symbols become URL path segments of a fake market-data API on loopback. */
    private void apiVectors() throws IOException {
        List<String> paths = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getRawPath() + "?" + ex.getRequestURI().getRawQuery());
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        api.start();
        try {
            Map<String, String> env = Map.of(
                    "DGAS_API_BASE_URL", "http://127.0.0.1:" + api.getAddress().getPort(), "DGAS_API_KEY", "k");
            List<String> values =
                    payloads.stream().filter(p -> !p.contains(",")).toList();
            cli(
                    new Vector(
                            "ingest api --symbols",
                            p -> a("ingest", "api", "--symbols", p, "--from", "2024-01-01", "--to", "2024-01-05")),
                    values,
                    env);
            cli(
                    new Vector("ingest api --from", p -> a("ingest", "api", "--symbols", "AAPL", "--from", p)),
                    payloads,
                    env);
        } finally {
            api.stop(0);
        }
        for (String p : paths) {
            if (!p.matches("/api/eod/[^/?#]+\\?api_token=k&fmt=json&period=d&from=2024-01-01&to=2024-01-05")) {
                violations.add("market-data API request escaped its path or query: " + shown(p));
            }
        }
    }

    private void httpVectors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path jar = Path.of("target", "dgas.jar").toAbsolutePath();
        assertThat(jar).as("the fat jar (built by package)").exists();
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(
                        javaBin,
                        "-Xmx256m",
                        "-jar",
                        jar.toString(),
                        "--db-url",
                        PG.jdbcUrl(),
                        "serve",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("serve.log").toFile());
        pb.environment()
                .put(
                        "DGAS_HOME",
                        Files.createDirectories(tmp.resolve("serve-home")).toString());
        pb.environment().put("DGAS_WEB_ADMIN_TOKEN", TOKEN);
        Process serve = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(http, base, serve);
            List<String> httpPayloads = new ArrayList<>(payloads);
            httpPayloads.add("bars\u0000; DROP TABLE bars");
            httpPayloads.add("*");
            for (String p : httpPayloads) {
                String q = URLEncoder.encode(p, StandardCharsets.UTF_8);
                for (String get : List.of(
                        "/health",
                        "/metrics",
                        "/api/monitor/queries",
                        "/api/cache/stats",
                        "/api/monitor/calculations")) {
                    http(http, "GET", base + get + "?x=" + q + "&region=" + q, null, p);
                }
                http(http, "POST", base + "/api/cache/clear?region=" + q, TOKEN, p);
                http(http, "POST", base + "/api/cache/invalidate?pattern=" + q, TOKEN, p);
                http(http, "POST", base + "/api/cache/invalidate?pattern=x", p, p);
                cli(
                        new Vector(
                                "cache clear --region (serve)",
                                x -> a("cache", "clear", "--region", x, "--server", base)),
                        List.of(p),
                        Map.of("DGAS_WEB_ADMIN_TOKEN", TOKEN));
                cli(
                        new Vector(
                                "cache invalidate --pattern (serve)",
                                x -> a("cache", "invalidate", "--pattern", x, "--server", base)),
                        List.of(p),
                        Map.of("DGAS_WEB_ADMIN_TOKEN", TOKEN));
            }
            for (String raw : List.of(
                    "/../../../etc/passwd",
                    "/%2e%2e/%2e%2e/etc/passwd",
                    "/api/cache/..%2f..%2f",
                    "/api/cache/stats/../../../etc/passwd")) {
                http(http, "GET", base + raw, null, raw);
            }
            assertThat(serve.isAlive()).as("dgas serve survived the corpus").isTrue();
        } finally {
            serve.destroy();
            if (!serve.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private static void awaitHealthy(HttpClient http, String base, Process serve) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(serve.isAlive())
                    .as("dgas serve exited: " + Files.readString(tmp.resolve("serve.log")))
                    .isTrue();
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(base + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.onSpinWait();
            serve.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("dgas serve not healthy within 60 s: " + Files.readString(tmp.resolve("serve.log")));
    }

    private void http(HttpClient http, String method, String url, String token, String payload) {
        tried++;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            if (token != null) {
                b.header("Authorization", "Bearer " + token.replaceAll("\\p{Cntrl}", ""));
            }
            int status =
                    http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 4) {
                refused++;
            } else if (status == 200) {
                asData++;
            } else {
                violations.add(method + " " + shown(url) + " [" + shown(payload) + "] HTTP " + status);
            }
        } catch (IllegalArgumentException header) {
            refused++; // the client itself will not send it (e.g. a header too long or malformed)
        } catch (IOException e) {
            if (url.length() + (token == null ? 0 : token.length()) > SERVER_HEADER_LIMIT) {
                // Jetty refuses a request line or headers over its header buffer (414/431) and closes the connection;
                // the client, still sending (a long URL, or a payload sent as the token), may see the reset instead of
                // the answer. Refused either way: nothing ran.
                refused++;
            } else {
                violations.add(method + " " + shown(url) + " [" + shown(payload) + "] " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            violations.add(method + " " + shown(url) + " [" + shown(payload) + "] " + e);
        }
    }

    /**
     * Jetty's default request header buffer (8 KiB): a longer request line or header is refused before any handler runs.
     */
    private static final int SERVER_HEADER_LIMIT = 8192;

    private static List<String> ruleNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM alert_rules")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Tables (not partitions), roles, and the market data, as one comparable text. */
    private static String snapshot() throws Exception {
        try (Connection c = DriverManager.getConnection(PG.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT string_agg(n.nspname || '.' || c.relname, ','"
                        + " ORDER BY n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition"
                        + " AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast%'),"
                        + " (SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles),"
                        + " (SELECT count(*) || ':' || md5(coalesce(string_agg(b::text, '|' ORDER BY b::text), ''))"
                        + " FROM bars b), (SELECT count(*) FROM ticks),"
                        + " (SELECT string_agg(ticker || ':' || (deleted_at IS NULL), ',' ORDER BY ticker) FROM"
                        + " symbols)")) {
            rs.next();
            return "tables " + rs.getString(1) + "\nroles " + rs.getString(2) + "\nbars " + rs.getString(3) + "\nticks "
                    + rs.getString(4) + "\nsymbols " + rs.getString(5);
        }
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
