package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigLoader;
import io.dgas.app.config.DgasConfig;
import io.dgas.store.SqlSession;
import io.dgas.testkit.PostgresExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgas serve}: Prometheus names, health, and the token on admin endpoints. */
class WebServerIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    static Path home;

    private static AppContext ctx;
    private static WebServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        DgasConfig config = new ConfigLoader(
                        Map.of("DGAS_HOME", home.toString(), "DGAS_MONITOR_SLOW_QUERY_MS", "1"), home)
                .load(null, Map.of("database.url", PG.jdbcUrl()), Map.of());
        ctx = new AppContext(config, Clock.systemUTC());
        server = WebServer.start(ctx, "127.0.0.1", 0, "t0ken");
    }

    @AfterAll
    static void stop() {
        server.close();
        ctx.close();
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_afterQueriesAndCacheUse_carriesTheDocumentedNames() throws Exception {
        ctx.database().query("test.sleepy", "SELECT pg_sleep(0.002)", SqlSession.Binder.NONE, rs -> 1);
        ctx.cache().get("market_data", "bars:X:1h", () -> "v");
        ctx.cache().get("market_data", "bars:X:1h", () -> "v");

        HttpResponse<String> r = send("GET", "/metrics", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("db_query_duration_seconds_bucket{operation=\"test.sleepy\"")
                .contains("db_pool_active_connections")
                .contains("cache_hits_total{region=\"market_data\"}")
                .contains("cache_misses_total{region=\"market_data\"}")
                .contains("slow_queries_total{operation=\"test.sleepy\"}")
                .contains("hikaricp_connections_active")
                .contains("cache_gets_total")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void health_databaseUp_isHealthy() throws Exception {
        HttpResponse<String> r = send("GET", "/health", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"healthy\"");
    }

    @Test
    void cacheInvalidate_withoutToken_isRefusedAndWithTokenCountsRemoved() throws Exception {
        ctx.cache().get("dashboard", "bars:AAPL:chart", () -> "v");

        assertThat(send("POST", "/api/cache/invalidate?pattern=bars:AAPL:*", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("POST", "/api/cache/invalidate?pattern=bars:AAPL:*", "wrong")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> ok = send("POST", "/api/cache/invalidate?pattern=bars:AAPL:*", "t0ken");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"removed\":1");
    }

    @Test
    void queries_listsTimedStatementsWithoutValues() throws Exception {
        ctx.database().query("test.param", "SELECT ?::text", ps -> ps.setString(1, "classified"), rs -> 1);

        HttpResponse<String> r = send("GET", "/api/monitor/queries", null);

        assertThat(r.body()).contains("\"name\":\"test.param\"").doesNotContain("classified");
    }
}
