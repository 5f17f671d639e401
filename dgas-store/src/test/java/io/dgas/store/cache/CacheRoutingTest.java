package io.dgas.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.replica.ReadRouting;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the query cache tells the read routing: its misses are reads, and every invalidation is a write. */
class CacheRoutingTest {
    /** Counts the reads it is given and the writes announced to it. */
    private static final class CountingRouting extends ReadRouting.PrimaryOnly {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public <T> T reading(Supplier<T> work) {
            reads.incrementAndGet();
            return work.get();
        }

        @Override
        public void noteWrite() {
            writes.incrementAndGet();
        }
    }

    /** A shared level that can be switched off and that hands out the remote-invalidation listener it was given. */
    private static final class SharedLevel extends L2.Unshared {
        Consumer<String> remote;
        boolean up = true;

        @Override
        public void onRemoteInvalidation(Consumer<String> listener) {
            remote = listener;
        }

        @Override
        public boolean delivering() {
            return up;
        }
    }

    private final SharedLevel shared = new SharedLevel();
    private final CaffeineQueryCache cache =
            new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), shared);
    private final CountingRouting routing = new CountingRouting();

    @Test
    void get_missThenHit_onlyTheMissIsARoutedRead() {
        cache.routeMisses(routing);

        cache.get(RegionSpec.MARKET_DATA, "bars:AAPL:1h:last:10", () -> "a");
        cache.get(RegionSpec.MARKET_DATA, "bars:AAPL:1h:last:10", () -> "b");

        assertThat(routing.reads).hasValue(1);
    }

    @Test
    void invalidate_ownRemoteOrClear_eachIsAWriteMark() {
        cache.routeMisses(routing);

        cache.invalidate("bars:AAPL:*");
        shared.remote.accept("signals:*");
        cache.clear(null);

        assertThat(routing.writes).hasValue(3);
    }

    @Test
    void get_sharedLevelDown_missReadsThePrimaryOutsideTheRouting() {
        cache.routeMisses(routing);
        shared.up = false;

        assertThat(cache.get(RegionSpec.MARKET_DATA, "bars:AAPL:1h:last:10", () -> "a"))
                .isEqualTo("a");

        assertThat(routing.reads).as("other instances' marks cannot arrive").hasValue(0);
    }
}
