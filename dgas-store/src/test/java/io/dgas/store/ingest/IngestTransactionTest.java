package io.dgas.store.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.store.UnableToExecuteStatementException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IngestTransactionTest {
    final List<Long> slept = new ArrayList<>();
    final List<String> told = new ArrayList<>();
    final IngestTransaction tx = new IngestTransaction(null, Duration.ofSeconds(30), slept::add, d -> d);
    final IngestProgress progress = new IngestProgress() {
        @Override
        public void rowsRead(String source, long rows) {}

        @Override
        public void retrying(String source, String reason, int attempt, int attempts, Duration delay) {
            told.add(source + ": retrying after " + reason + ", attempt " + attempt + " of " + attempts + ", "
                    + delay.toMillis() + " ms");
        }
    };

    static RuntimeException failure(String sqlState) {
        return new UnableToExecuteStatementException("ingest.bars.upsert", new SQLException("boom", sqlState));
    }

    @Test
    void retrying_deadlockTwiceThenSuccess_runsAgainFromTheStartAndSaysSo() {
        AtomicInteger calls = new AtomicInteger();

        String result = tx.retrying("a.csv", progress, true, () -> {
            if (calls.incrementAndGet() <= 2) {
                throw failure(calls.get() == 1 ? "40P01" : "40001");
            }
            return "loaded";
        });

        assertThat(result).isEqualTo("loaded");
        assertThat(calls).hasValue(3);
        assertThat(told)
                .containsExactly(
                        "a.csv: retrying after deadlock, attempt 2 of 5, 100 ms",
                        "a.csv: retrying after serialization failure, attempt 3 of 5, 200 ms");
        assertThat(slept).containsExactly(100L, 200L);
    }

    @Test
    void retrying_deadlockEveryTime_givesUpAfterFiveAttemptsNamingTheSource() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> tx.retrying("a.csv", progress, true, () -> {
                    calls.incrementAndGet();
                    throw failure("40P01");
                }))
                .isInstanceOf(UnableToIngestException.class)
                .hasMessage("a.csv: deadlock with a concurrent writer in each of 5 attempts; nothing was committed,"
                        + " run it again");
        assertThat(calls).hasValue(5);
        assertThat(slept).containsExactly(100L, 200L, 400L, 800L);
    }

    @Test
    void retrying_streamThatCannotBeReread_failsAtOnceWithoutRetry() {
        assertThatThrownBy(() -> tx.retrying("api AAPL 1d", progress, false, () -> {
                    throw failure("40P01");
                }))
                .isInstanceOf(UnableToIngestException.class)
                .hasMessageContaining("cannot be read a second time");
        assertThat(told).isEmpty();
    }

    @Test
    void retrying_otherFailure_passesThroughUntouched() {
        RuntimeException unique = failure("23505");

        assertThatThrownBy(() -> tx.retrying("a.csv", progress, true, () -> {
                    throw unique;
                }))
                .isSameAs(unique);
        assertThat(told).isEmpty();
    }

    @Test
    void delay_defaultJitter_staysWithinHalfAndOneAndAHalfOfTheBase() {
        IngestTransaction real = new IngestTransaction(null, Duration.ofSeconds(1));

        for (int i = 0; i < 200; i++) {
            assertThat(real.delay(1)).isBetween(50L, 150L);
            assertThat(real.delay(4)).isBetween(400L, 1200L);
        }
    }

    @Test
    void watchInterval_lockTimeout_aFifthBetweenATenthOfASecondAndOneSecond() {
        assertThat(new IngestTransaction(null, Duration.ofSeconds(30)).watchInterval())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(new IngestTransaction(null, Duration.ofSeconds(2)).watchInterval())
                .isEqualTo(Duration.ofMillis(400));
        assertThat(new IngestTransaction(null, Duration.ofMillis(200)).watchInterval())
                .isEqualTo(Duration.ofMillis(100));
    }
}
