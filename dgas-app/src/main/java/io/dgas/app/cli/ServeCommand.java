package io.dgas.app.cli;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.web.AdminToken;
import io.dgas.app.web.WebServer;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dgas serve}: the HTTP API, {@code /metrics} and {@code /health}, until interrupted. */
@Command(name = "serve", description = "Serve /metrics (Prometheus), /health and the JSON API until interrupted.")
final class ServeCommand extends BaseCommand {
    @Option(names = "--port", description = "port (default web.port, 8080; 0: any free port)")
    Integer port;

    @Option(names = "--host", description = "address to listen on (default web.host, 127.0.0.1)")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        String h = host != null ? host : config().string(ConfigKeys.WEB_HOST).orElse("127.0.0.1");
        int p = port != null ? port : config().intValue(ConfigKeys.WEB_PORT);
        requireFree(h, p);
        String token = AdminToken.forServer(config()); // before the database: a bad token fails fast
        context().database();
        if (config().bool(ConfigKeys.HEALTH_ENABLED)) {
            context().health().start(java.time.Duration.ofSeconds(config().seconds(ConfigKeys.HEALTH_INTERVAL)));
        }
        WebServer started;
        try {
            started = WebServer.start(context(), h, p, token);
        } catch (JavalinBindException e) {
            // lost a race with another process after the check above
            throw inUse(h, p, e.getMessage());
        }
        try (WebServer server = started) {
            out().info("dgas serving on http://" + h + ":" + server.port() + " (dashboard at /, /metrics, /health,"
                    + " /api/…);"
                    + " Ctrl-C stops");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dgas-serve-stop"));
            server.join();
        }
        return ExitCodes.OK;
    }

    /**
     * Fails with one line naming the address before the web server starts, because the server would log its own error
     * and a stack trace for a port it cannot bind. Reuse-address is set as the server sets it, so a port merely in
     * TIME_WAIT is not refused.
     */
    private void requireFree(String h, int p) {
        if (p == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(h, p));
        } catch (IOException e) {
            throw inUse(h, p, e.getMessage());
        }
    }

    private BadArgumentException inUse(String h, int p, String reason) {
        String option = port != null ? "--port" : ConfigKeys.WEB_PORT;
        return new BadArgumentException(
                option,
                Integer.toString(p),
                "cannot listen on " + h + ":" + p + " (" + reason + "); is another dgas serving there? choose another"
                        + " port with --port or " + ConfigKeys.WEB_PORT);
    }
}
