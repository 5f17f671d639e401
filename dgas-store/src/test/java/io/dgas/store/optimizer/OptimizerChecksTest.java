package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.health.Verdict;
import io.dgas.store.monitor.DatabaseActivity.BlockAccess;
import org.junit.jupiter.api.Test;

class OptimizerChecksTest {
    @Test
    void cacheHitRate_fewBlockAccesses_notJudged() {
        // a new database: 790 of 1,000 blocks from shared buffers, 79 %, was "critical"
        Finding f = OptimizerChecks.cacheHitRate(new BlockAccess(790, 210));

        assertThat(f.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(f.summary())
                .isEqualTo("cache hit rate 79.0 % over 1,000 block accesses: too few to judge (under 10,000)");
    }

    @Test
    void cacheHitRate_enoughBlockAccesses_judgedAgainst99And95Percent() {
        assertThat(OptimizerChecks.cacheHitRate(new BlockAccess(9_950, 50)).verdict())
                .isEqualTo(Verdict.HEALTHY);
        assertThat(OptimizerChecks.cacheHitRate(new BlockAccess(9_700, 300)).verdict())
                .isEqualTo(Verdict.WARNING);
        Finding low = OptimizerChecks.cacheHitRate(new BlockAccess(9_400, 600));
        assertThat(low.verdict()).isEqualTo(Verdict.CRITICAL);
        assertThat(low.summary()).isEqualTo("cache hit rate 94.0 % (warn below 99 %)");
    }
}
