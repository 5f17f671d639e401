package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LockHolderTest {
    @Test
    void describe_idleSession_namesPidApplicationClientStateAgeAndQuery() {
        LockHolder h = new LockHolder(812, "dgas pid 4242", "127.0.0.1", "idle in transaction", 130, "UPDATE bars");

        assertThat(new LockWait(h, Duration.ofSeconds(12)).describe())
                .isEqualTo("waiting for a lock held by pid 812 (application 'dgas pid 4242', client 127.0.0.1,"
                        + " idle in transaction for 2 min 10 s, query: UPDATE bars) for 12 s");
    }

    @Test
    void shorten_longMultilineQueryWithControlCharacters_oneEscapedTruncatedLine() {
        String q = "SELECT\n\t 1,\u001b[31m " + "x".repeat(200);

        String s = LockHolder.shorten(q);

        assertThat(s).startsWith("SELECT 1,\\u001b[31m xxx").endsWith("…").doesNotContain("\n");
        assertThat(s).hasSize(LockHolder.QUERY_CHARS + 1);
    }

    @Test
    void seconds_hoursMinutesSeconds_readable() {
        assertThat(LockHolder.seconds(45)).isEqualTo("45 s");
        assertThat(LockHolder.seconds(3 * 3600 + 120 + 5)).isEqualTo("3 h 2 min");
    }
}
