package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.ingest.LockHolder;
import io.dgas.store.ingest.LockWait;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Without a terminal (as under test) rows read stay silent, but lock waits and retries are said on stderr. */
class ProgressLineTest {
    final StringWriter err = new StringWriter();
    final ProgressLine progress =
            new ProgressLine(new Output(new PrintWriter(new StringWriter()), new PrintWriter(err), false, false));

    @Test
    void lockWait_noTerminal_warnsNamingTheHolderOncePerTenSeconds() {
        LockHolder h = new LockHolder(812, "dgas pid 42", "127.0.0.1", "idle in transaction", 130, "UPDATE bars");

        progress.rowsRead("bars.csv", 100_000);
        progress.lockWait("bars.csv", new LockWait(h, Duration.ofSeconds(1)));
        progress.lockWait("bars.csv", new LockWait(h, Duration.ofSeconds(2)));

        assertThat(err.toString())
                .isEqualTo("warning: bars.csv: waiting for a lock held by pid 812 (application 'dgas pid 42',"
                        + " client 127.0.0.1, idle in transaction for 2 min 10 s, query: UPDATE bars) for 1 s"
                        + System.lineSeparator());
    }

    @Test
    void retrying_deadlock_warnsWithAttemptOfAttempts() {
        progress.retrying("bars.csv", "deadlock", 2, 5, Duration.ofMillis(120));

        assertThat(err.toString())
                .startsWith("warning: bars.csv: retrying after deadlock, attempt 2 of 5 (the failed attempt was rolled"
                        + " back; starting again in 120 ms)");
    }
}
