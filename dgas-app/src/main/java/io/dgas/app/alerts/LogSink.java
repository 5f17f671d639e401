package io.dgas.app.alerts;

import io.dgas.store.alerts.AlertEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alerts to the log (the console, with the default logging setup). */
public final class LogSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger("io.dgas.alerts");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public void deliver(AlertEvent e) {
        LOG.warn(AlertSink.describe(e));
    }
}
