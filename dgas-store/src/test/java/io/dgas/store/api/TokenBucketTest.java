package io.dgas.store.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2024-06-01T00:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    @Test
    void acquire_withinBurst_doesNotWait() throws InterruptedException {
        TokenBucket b = new TokenBucket(60, 3, clock, sleeper);

        for (int i = 0; i < 3; i++) {
            b.acquire();
        }

        assertThat(sleeps).isEmpty();
        assertThat(b.available()).isLessThan(1);
    }

    @Test
    void acquire_beyondBurst_waitsOneRefillIntervalPerRequest() throws InterruptedException {
        TokenBucket b = new TokenBucket(60, 2, clock, sleeper);

        for (int i = 0; i < 5; i++) {
            b.acquire();
        }

        // 60 per minute: one token per second once the burst of 2 is spent
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void acquire_afterIdling_refillsUpToBurstOnly() throws InterruptedException {
        TokenBucket b = new TokenBucket(60, 2, clock, sleeper);
        b.acquire();
        b.acquire();

        clock.advance(Duration.ofMinutes(10));

        assertThat(b.available()).isEqualTo(2.0);
        b.acquire();
        b.acquire();
        b.acquire();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void new_zeroRate_isRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, clock, sleeper)).isInstanceOf(IllegalArgumentException.class);
    }
}
