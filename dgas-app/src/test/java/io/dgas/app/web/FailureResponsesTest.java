package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.DgasException;
import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigLoader;
import io.dgas.app.config.DgasConfig;
import io.dgas.store.UnableToConnectException;
import io.dgas.store.UnableToExecuteStatementException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database that cannot serve is a 503 with Retry-After and a JSON error; other failures stay 500s. */
class FailureResponsesTest {
    @TempDir
    Path home;

    @Test
    void isDatabaseUnavailable_connectionAndShutdownStates_areUnavailable() {
        assertThat(FailureResponses.isDatabaseUnavailable(new UnableToConnectException("pool", null)))
                .isTrue();
        assertThat(FailureResponses.isDatabaseUnavailable(
                        new UnableToExecuteStatementException("x", new SQLException("io", "08006"))))
                .isTrue();
        assertThat(FailureResponses.isDatabaseUnavailable(
                        new UnableToExecuteStatementException("x", new SQLException("terminating", "57P01"))))
                .isTrue();
        assertThat(FailureResponses.isDatabaseUnavailable(
                        new UnableToExecuteStatementException("x", new SQLException("dup", "23505"))))
                .isFalse();
        assertThat(FailureResponses.isDatabaseUnavailable(new DgasException("bug")))
                .isFalse();
    }

    @Test
    void health_databaseNeverReachable_is503WithRetryAfterAndJsonError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        DgasConfig config = new ConfigLoader(Map.of("DGAS_HOME", home.toString()), home)
                .load(
                        null,
                        Map.of("database.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/none?user=x"),
                        Map.of());
        try (AppContext ctx = new AppContext(config, Clock.systemUTC());
                WebServer server = WebServer.start(ctx, "127.0.0.1", 0, "t0ken")) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("2");
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.body())
                    .contains("\"error\":\"database unavailable\"")
                    .contains("127.0.0.1:" + closedPort)
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
            HttpResponse<String> api = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/symbols"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.body())
                    .contains("\"error\":\"database unavailable\"")
                    .doesNotContain("\tat ");
        }
    }
}
