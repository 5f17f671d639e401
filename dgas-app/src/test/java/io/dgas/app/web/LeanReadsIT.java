package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader;
import io.dgas.domain.Timeframe;
import io.dgas.testkit.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LeanReads} answers what Javalin would: the same requests to a server with it (asked twice, so that the second
 * answer is the lean one) and to one without it give the same status, headers (but Date) and body bytes, for 200s
 * plain and gzip, 304s, and the 400, 404 and 401/403 that it leaves to Javalin; its answers are timed on /metrics as
 * Javalin's are.
 */
class LeanReadsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    private static final String TOKEN = "lean-t0ken";
    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static AppContext leanCtx;
    private static AppContext javalinCtx;
    private static WebServer lean;
    private static WebServer javalin;
    private static WebServer leanClosed;
    private static WebServer javalinClosed;

    @BeforeAll
    static void start() {
        AppContext seed = context("seed", Map.of());
        MarketSeed.wave(seed, "LEAN", Timeframe.H1, 80, 100);
        leanCtx = context("lean", Map.of());
        javalinCtx = context("javalin", Map.of());
        lean = WebServer.start(leanCtx, "127.0.0.1", 0, TOKEN, true);
        OPEN.add(lean);
        javalin = WebServer.start(javalinCtx, "127.0.0.1", 0, TOKEN, false);
        OPEN.add(javalin);
        leanClosed = server("lean-closed", Map.of(ConfigKeys.WEB_AUTH, "all"), true);
        javalinClosed = server("javalin-closed", Map.of(ConfigKeys.WEB_AUTH, "all"), false);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = OPEN.size() - 1; i >= 0; i--) {
            OPEN.get(i).close();
        }
    }

    private static AppContext context(String name, Map<String, String> settings) {
        Map<String, String> flags = new HashMap<>(settings);
        flags.put(ConfigKeys.DB_URL, PG.jdbcUrl());
        Path h = home.resolve(name);
        AppContext ctx = new AppContext(
                new ConfigLoader(Map.of("DGAS_HOME", h.toString()), h).load(null, flags, Map.of()), Clock.systemUTC());
        OPEN.add(ctx);
        return ctx;
    }

    private static WebServer server(String name, Map<String, String> settings, boolean withLean) {
        WebServer s = WebServer.start(context(name, settings), "127.0.0.1", 0, TOKEN, withLean);
        OPEN.add(s);
        return s;
    }

    /** An answer as received: status line, headers but Date (in order), body bytes. */
    record Raw(String status, List<String> headers, byte[] body) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream()
                    .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).trim())
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Raw r
                    && r.status.equals(status)
                    && r.headers.equals(headers)
                    && Arrays.equals(r.body, body);
        }

        @Override
        public int hashCode() {
            return status.hashCode();
        }

        @Override
        public String toString() {
            return status + " " + headers + " (" + body.length + " bytes)";
        }
    }

    /** {@code GET target} with {@code headers} ("Name: value") on a new connection that the server closes after. */
    private static Raw get(WebServer server, String target, String... headers) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
            StringBuilder req = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] bytes = all.toByteArray();
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String[] head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            List<String> hs = new ArrayList<>();
            for (int i = 1; i < head.length; i++) {
                if (!head[i].regionMatches(true, 0, "Date:", 0, 5)) {
                    hs.add(head[i]);
                }
            }
            return new Raw(head[0], hs, Arrays.copyOfRange(bytes, end + 4, bytes.length));
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no end of head in " + new String(hay, StandardCharsets.ISO_8859_1));
    }

    /**
     * The answer to {@code target} of the server without {@link LeanReads}, and of the one with it once Javalin has
     * seen the URI: asserts that the lean server answered the second time itself exactly when {@code leanAnswers}.
     */
    private static Raw[] both(WebServer withLean, WebServer without, boolean leanAnswers, String target, String... h)
            throws IOException {
        Raw expected = get(without, target, h);
        get(withLean, target, h); // Javalin routes and parses it
        long before = withLean.leanAnswers();
        Raw actual = get(withLean, target, h);
        assertThat(withLean.leanAnswers() - before)
                .as("answered by the lean path: " + target)
                .isEqualTo(leanAnswers ? 1 : 0);
        return new Raw[] {expected, actual};
    }

    @Test
    void marketPage_cachedReads_leanAnswersAreJavalinsByteForByte() throws Exception {
        List<String> targets = List.of(
                "/api/v1/analysis/LEAN?interval=1h&last=60",
                "/api/v1/bars/LEAN?interval=1h&last=60",
                "/api/v1/bars/LEAN?last=20&interval=1h",
                "/api/v1/signals?symbol=LEAN&limit=20",
                "/api/v1/symbols/LEAN");
        for (String target : targets) {
            for (String[] headers : List.of(new String[0], new String[] {"Accept-Encoding: gzip, deflate, br"})) {
                Raw[] r = both(lean, javalin, true, target, headers);

                assertThat(r[1]).as(target + " " + Arrays.toString(headers)).isEqualTo(r[0]);
                assertThat(r[1].status()).isEqualTo("HTTP/1.1 200 OK");
                assertThat(r[1].header("ETag")).startsWith("W/\"");
            }
        }
        Raw zipped = get(lean, targets.get(0), "Accept-Encoding: gzip");
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(zipped.header("Content-Type")).isEqualTo("application/json");
        assertThat(zipped.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void marketPage_ifNoneMatchOfTheTag_both304WithTheSameHeaders() throws Exception {
        String target = "/api/v1/analysis/LEAN?interval=1h&last=30";
        String tag = get(javalin, target).header("ETag");

        for (String inm : List.of(tag, "\"other\", " + tag, "*")) {
            Raw[] r = both(lean, javalin, true, target, "If-None-Match: " + inm);

            assertThat(r[1]).isEqualTo(r[0]);
            assertThat(r[1].status()).isEqualTo("HTTP/1.1 304 Not Modified");
            assertThat(r[1].body()).isEmpty();
        }
        Raw[] stale = both(lean, javalin, true, target, "If-None-Match: W/\"stale\"");
        assertThat(stale[1]).isEqualTo(stale[0]);
        assertThat(stale[1].status()).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void badParameterUnknownSymbolAndOtherPaths_leftToJavalin_sameAnswers() throws Exception {
        List<String> targets = List.of(
                "/api/v1/bars/LEAN?interval=1h&last=0",
                "/api/v1/bars/LEAN?interval=7m",
                "/api/v1/analysis/NOPE?interval=1h",
                "/api/v1/bars/LEAN%3Finterval=1h",
                "/api/v1/symbols/NOPE");
        for (String target : targets) {
            Raw[] r = both(lean, javalin, false, target);

            assertThat(r[1]).as(target).isEqualTo(r[0]);
            assertThat(r[1].status()).as(target).startsWith("HTTP/1.1 4");
        }
        // a URI that failed is not kept, so the lean path does not try it first: no statement more than without it
        String unknown = "/api/v1/analysis/NOPE2?interval=1h";
        get(lean, unknown);
        get(javalin, unknown);
        long leanBefore = statements(leanCtx);
        long javalinBefore = statements(javalinCtx);
        get(lean, unknown);
        get(javalin, unknown);
        assertThat(statements(leanCtx) - leanBefore).isEqualTo(statements(javalinCtx) - javalinBefore);
        // the encoded '?' is part of the symbol, not a query: the plain URI still gets its own answer
        Raw plain = get(lean, "/api/v1/bars/LEAN?interval=1h");
        assertThat(plain.status()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).startsWith("{\"symbol\":\"LEAN\"");
    }

    @Test
    void authAll_noOrWrongToken_refusedAsJavalinDoes_rightTokenAnsweredLean() throws Exception {
        String target = "/api/v1/bars/LEAN?interval=1h&last=10";
        String right = "Authorization: Bearer " + TOKEN;
        Raw[] ok = both(leanClosed, javalinClosed, true, target, right);
        Raw[] none = both(leanClosed, javalinClosed, false, target);
        Raw[] wrong = both(leanClosed, javalinClosed, false, target, "Authorization: Bearer nope");

        assertThat(ok[1]).isEqualTo(ok[0]);
        assertThat(ok[1].status()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(none[1]).isEqualTo(none[0]);
        assertThat(none[1].status()).startsWith("HTTP/1.1 401");
        assertThat(wrong[1]).isEqualTo(wrong[0]);
        assertThat(wrong[1].status()).startsWith("HTTP/1.1 403");
    }

    @Test
    void leanAnswers_timedOnMetricsUnderTheRouteTemplateAndStatus() throws Exception {
        String target = "/api/v1/bars/LEAN?interval=1h&last=15";
        get(lean, target);
        String tag = get(lean, target).header("ETag");
        double ok = count(lean, "/api/v1/bars/{symbol}", 200);
        double notModified = count(lean, "/api/v1/bars/{symbol}", 304);
        long answered = lean.leanAnswers();

        get(lean, target);
        get(lean, target, "If-None-Match: " + tag);

        assertThat(lean.leanAnswers() - answered).isEqualTo(2);
        assertThat(count(lean, "/api/v1/bars/{symbol}", 200)).isEqualTo(ok + 1);
        assertThat(count(lean, "/api/v1/bars/{symbol}", 304)).isEqualTo(notModified + 1);
    }

    private static long statements(AppContext ctx) {
        return ctx.queryMonitor().stats().stream()
                .mapToLong(io.dgas.store.monitor.QueryStats::count)
                .sum();
    }

    private static double count(WebServer server, String uri, int status) throws IOException {
        String metrics = new String(get(server, "/metrics").body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} (\\S+)$")
                .matcher(metrics);
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("method=\"GET\"")
                    && tags.contains("uri=\"" + uri + "\"")
                    && tags.contains("status=\"" + status + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
