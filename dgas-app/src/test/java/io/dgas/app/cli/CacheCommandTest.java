package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgas cache …} against a real loopback HTTP server that records what it receives: the admin token travels
 * only with admin calls and with the reads of a server that asks for it (401), never to a plain-HTTP host elsewhere,
 * and a read creates no token file.
 */
class CacheCommandTest {
    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean readsNeedTheToken;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            received.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " auth=" + auth);
            byte[] body = (ex.getRequestURI().getPath().equals("/api/cache/stats") ? "[]" : "{\"removed\":3}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            int status = "Bearer tok-wrong".equals(auth)
                    ? 403
                    : readsNeedTheToken && auth == null ? 401 : 200; // web.auth: all closes reads too
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliRun run(Map<String, String> extraEnv, String... args) {
        return CliRun.in(home, extraEnv, args);
    }

    private String local() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void stats_read_sendsNoTokenAndCreatesNoTokenFile() {
        CliRun r = run(Map.of("DGAS_WEB_ADMIN_TOKEN", "tok-read"), "cache", "stats", "--server", local());
        CliRun noConfig = run(Map.of(), "cache", "stats", "--server", local());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(noConfig.code()).as(noConfig.err()).isZero();
        assertThat(received).hasSize(2).allSatisfy(x -> assertThat(x).endsWith("auth=null"));
        assertThat(home.resolve("admin.token")).doesNotExist();
    }

    @Test
    void stats_serverAsksForTheTokenOnReads_sentThenAndOnlyThen() {
        readsNeedTheToken = true;

        CliRun r = run(Map.of("DGAS_WEB_ADMIN_TOKEN", "tok-read"), "cache", "stats", "--server", local());
        CliRun none = run(Map.of(), "cache", "stats", "--server", local());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(received.subList(0, 2))
                .containsExactly("GET /api/cache/stats auth=null", "GET /api/cache/stats auth=Bearer tok-read");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("asks for the admin token on reads too").contains("web.admin_token");
        assertThat(home.resolve("admin.token")).doesNotExist();
    }

    @Test
    void clearAndInvalidate_adminCalls_sendTheToken() {
        Map<String, String> env = Map.of("DGAS_WEB_ADMIN_TOKEN", "tok-admin");

        CliRun clear = run(env, "cache", "clear", "--region", "market_data", "--server", local());
        CliRun inv = run(env, "cache", "invalidate", "--pattern", "bars:AAPL:*", "--server", local() + "/");

        assertThat(clear.code()).as(clear.err()).isZero();
        assertThat(inv.code()).as(inv.err()).isZero();
        assertThat(received)
                .containsExactly(
                        "POST /api/cache/clear?region=market_data auth=Bearer tok-admin",
                        "POST /api/cache/invalidate?pattern=bars%3AAAPL%3A* auth=Bearer tok-admin");
    }

    @Test
    void clear_tokenTheServerRefuses403_exits2SayingSo() {
        CliRun r = run(Map.of("DGAS_WEB_ADMIN_TOKEN", "tok-wrong"), "cache", "clear", "--server", local());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("refused the admin token (403)").doesNotContain("\tat ");
    }

    @Test
    void clear_noTokenAnywhere_exits2AndCreatesNoFile() {
        CliRun r = run(Map.of(), "cache", "clear", "--server", local());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no admin token").doesNotContain("\tat ");
        assertThat(received).isEmpty();
        assertThat(home.resolve("admin.token")).doesNotExist();
    }

    @Test
    void anyCall_plainHttpToAnotherHost_isRefusedBeforeSending() {
        CliRun read = run(Map.of(), "cache", "stats", "--server", "http://192.0.2.10:8080");
        CliRun admin = run(
                Map.of("DGAS_WEB_ADMIN_TOKEN", "tok-x"), "cache", "clear", "--server", "http://dgas.example.com:8080");

        assertThat(read.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(admin.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(read.err()).contains("plain HTTP").contains("--insecure").doesNotContain("\tat ");
        assertThat(admin.err()).contains("plain HTTP").doesNotContain("tok-x");
    }

    @Test
    void server_notAnHttpUrl_exits2() {
        for (String bad : List.of("file:///etc/passwd", "ftp://127.0.0.1/", "http://127.0.0.1:1/$(touch x)", "x")) {
            CliRun r = run(Map.of(), "cache", "stats", "--server", bad);

            assertThat(r.code()).as(bad + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        }
        assertThat(received).isEmpty();
    }

    @Test
    void check_insecureOrLoopbackOrHttps_accepted() {
        assertThat(ServerUrl.check("--server", "http://192.0.2.10:8080/", true)).isEqualTo("http://192.0.2.10:8080");
        assertThat(ServerUrl.check("--server", "https://dgas.example.com", false))
                .isEqualTo("https://dgas.example.com");
        assertThat(ServerUrl.check("--server", "http://[::1]:8080", false)).isEqualTo("http://[::1]:8080");
        assertThat(ServerUrl.check("--server", "http://localhost:8080", false)).isEqualTo("http://localhost:8080");
    }
}
