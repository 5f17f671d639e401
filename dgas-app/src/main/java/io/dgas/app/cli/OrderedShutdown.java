package io.dgas.app.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps that stop a long-running command, run in the order added and exactly once, whether from the JVM shutdown
 * hook (SIGTERM, Ctrl-C) or from the command's own thread; a second caller waits until the first has finished, so
 * nothing (e.g. the pools) is closed under a step still in progress. A failing step is logged and the next still runs.
 */
public final class OrderedShutdown implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderedShutdown.class);

    private record Step(String what, AutoCloseable action) {}

    private final List<Step> steps = new ArrayList<>();
    private boolean done;

    /** Adds a step after those already added. */
    public synchronized OrderedShutdown then(String what, AutoCloseable action) {
        steps.add(new Step(what, action));
        return this;
    }

    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        for (Step s : steps) {
            LOG.info("stopping: {}", s.what());
            try {
                s.action().close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", s.what(), e.toString());
            }
        }
        LOG.info("stopped");
    }
}
