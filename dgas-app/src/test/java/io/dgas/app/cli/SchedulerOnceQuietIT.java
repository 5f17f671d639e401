package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code dgas scheduler start --once} on a database where a serving instance scheduled its recurring tasks: the
 * one-shot instance knows only the batch tasks, by design, and must not warn about the others.
 */
class SchedulerOnceQuietIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    @Test
    void startOnce_afterAServingInstanceScheduledItsTick_warnsNothingAboutTasksItDoesNotRun() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                    + " VALUES ('prediction-cycle', 'recurring', now() - interval '1 minute', false, 1)");
        }
        Logger repository =
                (Logger) LoggerFactory.getLogger("com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        repository.addAppender(seen);
        try {
            CliRun once = CliRun.of(home, PG.jdbcUrl(), Map.of(), "scheduler", "start", "--once");

            assertThat(once.code()).as(once.err()).isZero();
            assertThat(seen.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("Failed to find implementation"));
        } finally {
            repository.detachAppender(seen);
        }
    }
}
