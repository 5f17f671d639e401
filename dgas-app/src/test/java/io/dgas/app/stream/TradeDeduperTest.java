package io.dgas.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeDeduperTest {
    private static Trade t(long ms, double price, double size) {
        return new Trade("BTC", ms, price, size);
    }

    private static long accepted(TradeDeduper d, List<Trade> trades) {
        return trades.stream().filter(d::accept).count();
    }

    @Test
    void accept_identicalTradesInOneMillisecond_keepsEveryOne() {
        TradeDeduper d = new TradeDeduper();

        assertThat(accepted(d, List.of(t(1, 10, 1), t(1, 10, 1), t(1, 10, 1), t(2, 11, 1))))
                .isEqualTo(4);
    }

    @Test
    void accept_feedResumedBeforeTheCut_dropsExactlyTheReplays() {
        TradeDeduper d = new TradeDeduper();
        List<Trade> first = List.of(t(1, 10, 1), t(2, 10, 1), t(2, 10, 1), t(2, 12, 3));
        accepted(d, first);

        d.reconnected();
        // resumes at the second trade: ms 2 again (three replays), then one more identical trade and a new time
        long fresh = accepted(d, List.of(t(2, 10, 1), t(2, 10, 1), t(2, 12, 3), t(2, 10, 1), t(3, 13, 1)));

        assertThat(fresh).isEqualTo(2);
    }

    @Test
    void accept_olderThanNewestSeen_isAReplay() {
        TradeDeduper d = new TradeDeduper();
        d.accept(t(5, 10, 1));

        assertThat(d.accept(t(4, 10, 1))).isFalse();
        assertThat(d.accept(new Trade("ETH", 4, 10, 1))).isTrue();
    }
}
