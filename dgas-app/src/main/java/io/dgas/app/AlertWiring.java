package io.dgas.app;

import io.dgas.app.alerts.AlertDispatcher;
import io.dgas.app.alerts.AlertEngine;
import io.dgas.app.alerts.AlertSink;
import io.dgas.app.alerts.AlertsService;
import io.dgas.app.alerts.FileSink;
import io.dgas.app.alerts.LogSink;
import io.dgas.app.alerts.WebhookSink;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.events.Events;
import io.dgas.store.alerts.AlertRepository;
import io.dgas.store.bars.BarRepository;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The alerts' part of {@link AppContext}: the engine with its configured sinks and delivery pool, and the alert
 * service of the command line and the API.
 *
 * <p>Not thread-safe by itself: the context calls it under its own lock (as it built these itself before), and what
 * this wiring needs of the context it asks through the context's accessors, so the lock order stays the context's.
 */
final class AlertWiring {
    private final AppContext ctx;
    private final DgasConfig config;
    private ExecutorService deliveries;
    private AlertsService alertsService;

    AlertWiring(AppContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config();
    }

    /** See {@link AppContext#alerts()}. */
    AlertEngine alerts() {
        if (deliveries == null) {
            deliveries = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "dgas-alert-delivery");
                t.setDaemon(true);
                return t;
            });
        }
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogSink());
        Duration timeout = Duration.ofSeconds(config.seconds(ConfigKeys.ALERTS_TIMEOUT));
        config.string(ConfigKeys.ALERTS_WEBHOOK)
                .ifPresent(u -> sinks.add(new WebhookSink(URI.create(u), timeout, 3, Duration.ofMillis(200))));
        config.string(ConfigKeys.ALERTS_FILE).ifPresent(f -> sinks.add(new FileSink(Path.of(f))));
        AlertRepository repo = new AlertRepository(ctx.database());
        return new AlertEngine(
                repo,
                new BarRepository(ctx.database()),
                new AlertDispatcher(sinks, repo, deliveries, ctx.clock(), timeout.multipliedBy(4)),
                ctx.clock(),
                this::alertsLogged);
    }

    /** Cached alert logs are dropped once the evaluations are stored and again once their deliveries are. */
    private void alertsLogged(AlertEngine.Outcome o) {
        AlertsService service = ctx.alertsService(); // not from the delivery thread: close() holds the context's lock
        service.changed();
        ctx.events().publish(Events.alerts(o.events()));
        o.delivered().thenRun(service::changed);
    }

    /** See {@link AppContext#alertsService()}. */
    AlertsService alertsService() {
        if (alertsService == null) {
            alertsService = new AlertsService(ctx.database(), ctx.cache());
        }
        return alertsService;
    }

    /** Lets the deliveries under way finish (ten seconds at most), then stops the delivery pool. */
    void close() {
        if (deliveries != null) {
            deliveries.shutdown();
            try {
                deliveries.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deliveries = null;
        }
    }
}
