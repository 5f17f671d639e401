package io.dgas.app.alerts;

import io.dgas.store.alerts.AlertEvent;
import io.dgas.store.alerts.AlertRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers fired alerts to every sink concurrently and records the outcome in the log.
 *
 * <p>Each (event, sink) delivery is its own task with its own deadline, so a failing or slow sink delays neither the
 * other sinks nor the caller (the cycle returns as soon as the tasks are queued). An event is "sent" when every sink
 * took it, else "failed" with the sinks that did not.
 */
public final class AlertDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final List<AlertSink> sinks;
    private final AlertRepository repo;
    private final ExecutorService pool;
    private final Clock clock;
    private final Duration deadline;

    public AlertDispatcher(
            List<AlertSink> sinks, AlertRepository repo, ExecutorService pool, Clock clock, Duration deadline) {
        this.sinks = List.copyOf(sinks);
        this.repo = repo;
        this.pool = pool;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** Queues delivery of {@code e}; the future completes once every sink succeeded, failed or timed out. */
    public CompletableFuture<Void> dispatch(AlertEvent e) {
        long start = System.nanoTime();
        List<CompletableFuture<String>> parts = new ArrayList<>();
        for (AlertSink sink : sinks) {
            parts.add(CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    sink.deliver(e);
                                    return "";
                                } catch (InterruptedException ex) {
                                    Thread.currentThread().interrupt();
                                    return sink.name() + ": interrupted";
                                } catch (Exception ex) {
                                    return sink.name() + ": " + ex.getMessage();
                                }
                            },
                            pool)
                    .completeOnTimeout(
                            sink.name() + ": no answer within " + deadline.toMillis() + " ms",
                            deadline.toMillis(),
                            TimeUnit.MILLISECONDS));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
                .thenRun(() -> {
                    List<String> failures = parts.stream()
                            .map(CompletableFuture::join)
                            .filter(s -> !s.isEmpty())
                            .toList();
                    try {
                        repo.delivered(
                                e,
                                failures.isEmpty(),
                                clock.instant(),
                                (System.nanoTime() - start) / 1e6,
                                String.join("; ", failures));
                    } catch (RuntimeException ex) {
                        LOG.warn("could not record delivery of alert {}: {}", e.id(), ex.getMessage());
                    }
                });
    }
}
