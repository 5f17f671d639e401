package io.dgas.store.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.BusyClient;
import io.dgas.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Live queries against real clients of the test database: listed, then cancelled or terminated. */
class LiveQueriesIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static Database db;
    static LiveQueries live;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        live = new LiveQueries(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** {@code probe}'s value once present, polled until a deadline (the client's statement starts on its thread). */
    private static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not seen before the deadline");
    }

    @Test
    void signal_cancelARunningStatement_itEndsCancelledAndIsListedBefore() throws Exception {
        try (BusyClient busy = BusyClient.sleeping(PG.jdbcUrl(), 60)) {
            LiveQueries.LiveQuery q = await(() -> live.find(busy.pid()).filter(x -> "active".equals(x.state())));

            assertThat(q.query()).contains("pg_sleep(60)");
            assertThat(q.user()).isNotBlank();
            assertThat(q.seconds()).isGreaterThanOrEqualTo(0);
            assertThat(live.list()).extracting(LiveQueries.LiveQuery::pid).contains(busy.pid());

            Optional<LiveQueries.Signal> s = live.signal(busy.pid(), false);

            assertThat(s).hasValueSatisfying(x -> {
                assertThat(x.signalled()).isTrue();
                assertThat(x.action()).isEqualTo("cancel");
                assertThat(x.query()).contains("pg_sleep(60)");
            });
            SQLException ended = busy.outcome().get(20, TimeUnit.SECONDS);
            assertThat(ended == null ? "ran to its end" : ended.getSQLState()).isEqualTo(BusyClient.CANCELLED);
        }
    }

    @Test
    void signal_terminateAnIdleTransaction_itsConnectionCloses() throws Exception {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT 1");
            int pid;
            try (var rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            // idle in a transaction holds back vacuum: listed, though not running
            LiveQueries.LiveQuery q =
                    await(() -> live.find(pid).filter(x -> x.state().startsWith("idle in")));
            assertThat(q.transactionStart()).isNotNull();

            assertThat(live.signal(pid, true))
                    .hasValueSatisfying(x -> assertThat(x.signalled()).isTrue());

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (live.find(pid).isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(live.find(pid)).as("gone").isEmpty();
        }
    }

    @Test
    void signal_notAClientAtWork_emptyAndNothingSent() {
        assertThat(live.signal(999_999, false)).isEmpty();
        // a server process (the checkpointer) is no client: never listed, never signalled
        int checkpointer = db.queryOne(
                        "t.checkpointer",
                        "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'",
                        ps -> {},
                        rs -> rs.getInt(1))
                .orElseThrow();
        assertThat(live.signal(checkpointer, true)).isEmpty();
        assertThat(live.list()).extracting(LiveQueries.LiveQuery::pid).doesNotContain(checkpointer);
    }
}
