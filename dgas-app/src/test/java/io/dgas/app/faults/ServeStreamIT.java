package io.dgas.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.sample.SampleData;
import io.dgas.testkit.PostgresExtension;
import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgas serve} with {@code collect.stream: true}, run as a child process against a WebSocket server on loopback
 * replaying BTC trades: it subscribes the crypto symbol (its market is always open), stores trades while it runs, and
 * on SIGTERM stops the stream before the pools close, so every trade it received is stored.
 */
class ServeStreamIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final int TRADES = 700;

    @TempDir
    Path dir;

    @Test
    void serve_collectStreamOn_streamsWhileServingAndStoresEveryReceivedTradeOnSigterm() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO symbols (ticker, asset_class) VALUES ('BTCLIVE', 'crypto')");
        }
        List<String> messages = trades();
        List<String> subscriptions = new CopyOnWriteArrayList<>();
        Javalin ws = Javalin.create(cfg -> cfg.routes.ws(
                        "/ws/crypto",
                        w -> w.onMessage(ctx -> {
                            subscriptions.add(ctx.message());
                            messages.forEach(ctx::send);
                        })))
                .start("127.0.0.1", 0);
        DgasProcess serve;
        try {
            serve = DgasProcess.start(
                    dir,
                    Map.of(
                            "DGAS_COLLECT_STREAM", "true",
                            "DGAS_COLLECT_STREAM_URL", "ws://127.0.0.1:" + ws.port() + "/ws/crypto",
                            "DGAS_COLLECT_API_TOKEN", "tok"),
                    "--db-url",
                    PG.jdbcUrl(),
                    "serve",
                    "--no-scheduler",
                    "--port",
                    Integer.toString(freePort()));
            try (Connection c = PG.connect()) {
                // a first batch (500 trades, the newest timestamp held back) is stored while serving
                serve.await(WAIT, () -> DgasProcess.count(c, "SELECT count(*) FROM ticks") > 0, "stored ticks");
                assertThat(subscriptions).containsExactly("{\"action\":\"subscribe\",\"symbols\":\"BTCLIVE\"}");

                serve.terminate();
                assertThat(serve.waitFor(WAIT)).as(serve.stderr()).isIn(0, 143);
                String log = serve.stdout() + serve.stderr();
                assertThat(log)
                        .contains("trade stream on (1 symbols trading now)")
                        .containsSubsequence(
                                "stopping: web server", "stopping: trade stream", "stopping: health monitor");
                Matcher m = Pattern.compile("(\\d+) trades received, (\\d+) replays dropped, (\\d+) ticks stored")
                        .matcher(log);
                assertThat(m.find()).as(log).isTrue();
                long received = Long.parseLong(m.group(1));
                assertThat(received).isGreaterThanOrEqualTo(500).isLessThanOrEqualTo(TRADES);
                // nothing received is lost on the way down: the rest was flushed before the pools closed
                assertThat(DgasProcess.count(c, "SELECT count(*) FROM ticks")).isEqualTo(received);
                assertThat(Long.parseLong(m.group(3))).isEqualTo(received);
            }
        } finally {
            ws.stop();
        }
    }

    private static List<String> trades() throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ServeStreamIT.class.getClassLoader().getResourceAsStream(SampleData.TRADES), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line; out.size() < TRADES && (line = in.readLine()) != null; ) {
                String[] f = line.split(",");
                out.add("{\"s\":\"BTCLIVE\",\"p\":\"" + f[1] + "\",\"q\":\"" + f[2] + "\",\"t\":"
                        + Long.parseLong(f[0]) * 1000 + "}");
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
