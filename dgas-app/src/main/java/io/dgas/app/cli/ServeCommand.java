package io.dgas.app.cli;

import io.dgas.app.config.ConfigKey;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.schedule.SchedulerService;
import io.dgas.app.schedule.StatementSnapshots;
import io.dgas.app.web.AdminToken;
import io.dgas.app.web.ServeAddress;
import io.dgas.app.web.WebServer;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dgas serve}: the product's long-running process. It serves the HTTP API, {@code /metrics} and
 * {@code /health}, joins the cluster scheduler (cycles, batches, daily maintenance) unless {@code --no-scheduler},
 * runs the health monitor, snapshots {@code pg_stat_statements} every
 * {@code monitor.statements_snapshot_interval}, and with {@code collect.stream: true} runs the trade stream during
 * each symbol's market hours.
 *
 * <p>Stopping (SIGTERM, Ctrl-C) is graceful and ordered, once: the web server stops accepting and finishes in-flight
 * requests, the scheduler stops taking work and lets in-flight batches finish, then leaves {@code
 * scheduler_instances}; last the health monitor and the pools close. After a SIGTERM the JVM exits with 143 (128 +
 * SIGTERM), as for any signal-stopped JVM.
 */
@Command(
        name = "serve",
        description = "Serve /metrics (Prometheus), /health and the JSON API, and run the cluster scheduler and"
                + " statement snapshots, until interrupted.")
final class ServeCommand extends BaseCommand {
    @Option(
            names = "--no-scheduler",
            description = "serve only: do not join the cluster scheduler (cycles, batches, maintenance);"
                    + " statement snapshots then run on a local timer")
    boolean noScheduler;

    @Option(names = "--port", description = "port (default web.port, 8080; 0: any free port)")
    Integer port;

    @Option(names = "--host", description = "address to listen on (default web.host, 127.0.0.1)")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        String h = host != null ? host : config().string(ConfigKeys.WEB_HOST).orElse("127.0.0.1");
        int p = port(this, port);
        requireFree(h, p);
        serve(this, h, p, noScheduler, url -> {}, e -> inUse(h, p, e.getMessage()));
        return ExitCodes.OK;
    }

    /**
     * The port to listen on: {@code option} ({@code --port}) when given, else {@code web.port}. The option is held to
     * the range of {@code web.port} before anything starts, so a port no socket can have is one line and exit 2, not
     * a stack trace from the bind (or, for {@code dgas demo}, after the whole demo has run).
     *
     * @throws BadArgumentException naming {@code --port} and its value when it is out of that range
     */
    static int port(BaseCommand cmd, Integer option) {
        if (option == null) {
            return cmd.config().intValue(ConfigKeys.WEB_PORT); // in range: the configuration was validated
        }
        ConfigKey key = ConfigKeys.find(ConfigKeys.WEB_PORT);
        return OptionRanges.between("--port", option, (int) key.min(), (int) key.max());
    }

    /**
     * Serves on {@code h:p} until stopped (SIGTERM, Ctrl-C): the web server, its address published in the home, the
     * health monitor, and the scheduler (or with {@code noScheduler} only the statement snapshots); {@code started}
     * hears the server's base URL before this blocks. Also what {@code dgas demo} ends with.
     */
    static void serve(
            BaseCommand cmd,
            String h,
            int p,
            boolean noScheduler,
            java.util.function.Consumer<String> started,
            java.util.function.Function<JavalinBindException, RuntimeException> bindFailure)
            throws InterruptedException {
        String token = AdminToken.forServer(cmd.config()); // before the database: a bad token fails fast
        cmd.context().marketHours(); // a mistake in a calendar of the user's stops the start, not a request
        cmd.context().database();
        if (cmd.config().bool(ConfigKeys.HEALTH_ENABLED)) {
            cmd.context().health().start(Duration.ofSeconds(cmd.config().seconds(ConfigKeys.HEALTH_INTERVAL)));
        }
        WebServer server;
        try {
            server = WebServer.start(cmd.context(), h, p, token);
        } catch (JavalinBindException e) {
            // lost a race with another process after the check above
            throw bindFailure.apply(e);
        }
        // the published address goes first, so no command finds a server that is stopping
        String url = ServeAddress.localUrl(h, server.port());
        ServeAddress address = ServeAddress.publish(cmd.config().home(), url);
        // the embedded server's exit hook waits for this stop to end, so nothing loses its connection midway (an
        // external server has no such hook: nothing to hold)
        boolean embedded = cmd.context().isEmbedded();
        io.dgas.store.embedded.EmbeddedServer.ExitHold keepDatabase =
                embedded ? io.dgas.store.embedded.EmbeddedServer.deferStopAtExit() : () -> {};
        OrderedShutdown stop = new OrderedShutdown()
                .then("published address", address)
                .then("web server (ending event streams, finishing in-flight requests)", server);
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "dgas-serve-stop"));
        try {
            String scheduling = startBackground(cmd, noScheduler, stop);
            if (embedded) {
                stop.then("embedded database (its exit hook)", keepDatabase);
            }
            cmd.out()
                    .info("dgas serving on http://" + h + ":" + server.port()
                            + " (dashboard at /, /metrics, /health, /api/…); " + scheduling + "; Ctrl-C stops");
            started.accept(url);
            server.join();
        } finally {
            // the hook may be stopping already: this waits for it, so the pools never close under its steps
            stop.run();
            keepDatabase.close();
        }
    }

    /** Joins the scheduler (or starts the local snapshot timer) and adds their stop steps; returns a line for the log. */
    private static String startBackground(BaseCommand cmd, boolean noScheduler, OrderedShutdown stop) {
        Duration every = Duration.ofSeconds(cmd.config().seconds(ConfigKeys.STATEMENTS_SNAPSHOT_INTERVAL));
        StatementSnapshots snapshots =
                new StatementSnapshots(cmd.context().database(), cmd.context().clock());
        String line;
        // from the start, not the first job asked here: it runs the jobs other servers accepted, and its sweep requeues
        // the jobs of servers that died with them running
        stop.then(
                "background jobs (a running one goes back to the queue at its next step)",
                cmd.context().jobs().start());
        // the stream stops before the scheduler and the pools: its pending trades and completed bars are stored first
        String streaming = cmd.context()
                .tradeStream()
                .map(supervisor -> {
                    stop.then("trade stream (storing pending trades)", supervisor);
                    return "trade stream on (" + supervisor.streaming().size() + " symbols trading now)";
                })
                .orElse("trade stream off");
        if (noScheduler) {
            stop.then("statement snapshots", snapshots.startLocal(every));
            line = "scheduler off (--no-scheduler)";
        } else {
            io.dgas.app.schedule.Scheduling scheduling = cmd.context().scheduling();
            SchedulerService scheduler = scheduling.instance(List.of(snapshots.task(every)));
            stop.then("scheduler (finishing in-flight batches, leaving the cluster)", scheduler);
            scheduler.start();
            line = "scheduler " + scheduler.name() + " joined, next cycle " + scheduling.nextRun();
        }
        stop.then("health monitor and pools", cmd.context());
        return line + ", " + streaming + ", statement snapshots every " + every.toSeconds() + " s";
    }

    /**
     * Fails with one line naming the address before the web server starts, because the server would log its own error
     * and a stack trace for a port it cannot bind. Reuse-address is set as the server sets it, so a port merely in
     * TIME_WAIT is not refused.
     */
    void requireFree(String h, int p) {
        if (p == 0) {
            return;
        }
        String reason = bindProblem(h, p);
        if (reason != null) {
            throw inUse(h, p, reason);
        }
    }

    /** Why {@code h:p} cannot be listened on now, or null when it can. */
    static String bindProblem(String h, int p) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(h, p));
            return null;
        } catch (IOException e) {
            return e.getMessage();
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
