package io.dgas.app.cli;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.web.AdminToken;
import io.dgas.app.web.WebServer;
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
        String token = AdminToken.forServer(config()); // before the database: a bad token fails fast
        context().database();
        if (config().bool(ConfigKeys.HEALTH_ENABLED)) {
            context().health().start(java.time.Duration.ofSeconds(config().seconds(ConfigKeys.HEALTH_INTERVAL)));
        }
        try (WebServer server = WebServer.start(context(), h, p, token)) {
            out().info("dgas serving on http://" + h + ":" + server.port() + " (/metrics, /health, /api/…);"
                    + " Ctrl-C stops");
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dgas-serve-stop"));
            server.join();
        }
        return ExitCodes.OK;
    }
}
