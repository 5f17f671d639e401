package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Every request is logged (method, path, status, ms; no query, no token) and timed per route template on /metrics. */
class RequestMetricsIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

    @BeforeAll
    static void start() {
        LOGGED.start();
        ((Logger) LoggerFactory.getLogger("io.dgas.http")).addAppender(LOGGED);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("io.dgas.http")).detachAppender(LOGGED);
    }

    private static List<String> lines() {
        return LOGGED.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The count of {@code http_server_requests_seconds} with exactly these tags, 0 when absent. */
    private static double count(String method, String uri, int status) throws Exception {
        String metrics = api.get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} (\\S+)$")
                .matcher(metrics);
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("method=\"" + method + "\"")
                    && tags.contains("uri=\"" + uri + "\"")
                    && tags.contains("status=\"" + status + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    @Test
    void metrics_requestsToOneRoute_countedUnderItsTemplateAndStatus() throws Exception {
        double before = count("GET", "/api/v1/symbols/{symbol}", 404);

        api.get("/api/v1/symbols/NOPE1");
        api.get("/api/v1/symbols/NOPE2");
        api.get("/api/v1/symbols?limit=0");

        String shown = api.get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith("http_server"))
                .toList()
                .toString();
        assertThat(count("GET", "/api/v1/symbols/{symbol}", 404)).as(shown).isEqualTo(before + 2);
        assertThat(count("GET", "/api/v1/symbols", 400)).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/metrics").body()).doesNotContain("NOPE1");
    }

    @Test
    void log_request_oneLineWithMethodPathStatusAndMillis() throws Exception {
        api.get("/api/v1/symbols/LOGME");

        assertThat(lines()).anySatisfy(l -> assertThat(l).matches("GET /api/v1/symbols/LOGME 404 \\d+\\.\\d ms"));
    }

    @Test
    void log_queryValuesAndTokens_neverWritten() throws Exception {
        api.get("/api/v1/symbols?q=hush-hush-value");
        api.send("POST", "/api/v1/cache/clear", ApiClient.TOKEN);
        api.send("POST", "/api/v1/cache/clear", "wrong-secret-token");

        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("POST /api/v1/cache/clear 403"));
        assertThat(lines()).anySatisfy(l -> assertThat(l).startsWith("GET /api/v1/symbols 200"));
        assertThat(String.join("\n", lines()))
                .doesNotContain("hush-hush-value")
                .doesNotContain(ApiClient.TOKEN)
                .doesNotContain("wrong-secret-token");
    }
}
