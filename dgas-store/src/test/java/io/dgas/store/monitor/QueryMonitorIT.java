package io.dgas.store.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.ServerStatus;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Every statement through {@link Database} is timed by name; the slow log never shows SQL or bound values. */
class QueryMonitorIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String SECRET = "hunter2-very-secret";
    private static QueryMonitor monitor;
    private static Database db;

    @BeforeAll
    static void open() {
        monitor = new QueryMonitor(new SimpleMeterRegistry(), Clock.systemUTC(), Duration.ZERO, Duration.ofMinutes(5));
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), monitor);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void slowLog_statementWithSecretParameter_logsNameDurationRowsOnly() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.dgas.slow-queries");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            db.query(
                    "test.secret-lookup",
                    "SELECT pg_sleep(0.01), ?::text AS v",
                    ps -> ps.setString(1, SECRET),
                    rs -> rs.getString(2));
        } finally {
            logger.detachAppender(appender);
        }

        List<String> lines =
                appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l).contains("name=test.secret-lookup").contains("rows=1"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).containsAnyOf(SECRET, "pg_sleep", "SELECT"));
        assertThat(monitor.slowQueries()).anySatisfy(q -> assertThat(q.name()).isEqualTo("test.secret-lookup"));
        assertThat(monitor.slowQueries().toString()).doesNotContain(SECRET);
    }

    @Test
    void pgStatStatements_snapshotThenTop_joinsOurNames() {
        PgStatStatements pss = new PgStatStatements(db);
        ServerStatus.enablePgStatStatements(db);
        assertThat(pss.available())
                .as("embedded test server preloads pg_stat_statements")
                .isTrue();
        Instant t0 = Instant.now();
        assertThat(pss.snapshot(t0)).isPositive();
        for (int i = 0; i < 25; i++) {
            int n = i;
            db.query(
                    "test.counted",
                    "SELECT count(*) FROM symbols WHERE id > ?",
                    ps -> ps.setInt(1, n),
                    rs -> rs.getLong(1));
        }

        List<ServerStatement> top = pss.top(Instant.now(), Duration.ofHours(1), 50, 1, 0);

        assertThat(top).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("test.counted");
            assertThat(s.calls()).isEqualTo(25);
            assertThat(s.query()).doesNotContain("> 24");
        });
        assertThat(monitor.stats()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("test.counted");
            assertThat(s.count()).isEqualTo(25);
        });
    }

    @Test
    void nameOf_extractsTheLeadingComment() {
        assertThat(PgStatStatements.nameOf("/* dgas:bars.latest */ SELECT 1")).isEqualTo("bars.latest");
        assertThat(PgStatStatements.nameOf("SELECT 1")).isNull();
    }
}
