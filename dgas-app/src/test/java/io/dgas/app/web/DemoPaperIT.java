package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.demo.DemoPortfolio;
import io.dgas.app.demo.SyntheticUniverse;
import io.dgas.app.trading.PortfolioService;
import io.dgas.app.trading.SessionReport;
import io.dgas.domain.Timeframe;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14's "done when": the demo's setup (its synthetic universe and its paper portfolio with an active session)
 * and a prediction cycle leave the portfolio's orders on the API the portfolio page reads, with the day in the
 * refreshed daily view; the next bar (reaching every limit entry's price) fills them into positions. Reads in between are cached: each write must be
 * visible on the next read.
 */
class DemoPaperIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    @Test
    void demoSetupAndCycle_paperPortfolio_showsTheCyclesOrdersThenTheirFillsAsPositions() throws Exception {
        SyntheticUniverse.Result universe = SyntheticUniverse.ensure(
                api.ctx.database(),
                api.ctx.ingestListener(),
                60,
                api.ctx.clock().instant());
        var walk = api.ctx.checks().check(universe.symbols().get(0), Timeframe.H1, null, null, 10, 5, 1);
        assertThat(walk.market())
                .as("walks around the clock: a market that never closes")
                .isEqualTo("crypto");
        assertThat(walk.outsideHours().count()).isZero();
        DemoPortfolio.Result paper =
                DemoPortfolio.ensure(new PortfolioService(api.ctx.database(), api.ctx.clock(), api.ctx.cache()));
        String path = "/api/v1/portfolios/" + paper.portfolioId() + "?mark=1h&trades=1000";
        assertThat(api.json(path, 200).get("trades"))
                .as("read (and cached) before the cycle")
                .isEmpty();

        CycleResult cycle =
                api.ctx.cycles().run(universe.symbols(), Timeframe.H4, Timeframe.H1, null, api.ctx.signalParams());

        long entries = cycle.signals().stream().filter(s -> s.type().isEntry()).count();
        assertThat(entries).as("the synthetic universe yields entry signals").isPositive();
        JsonNode view = api.json(path, 200);
        assertThat(view.get("trades")).as("one order per entry signal").hasSize((int) entries);
        assertThat(view.get("positions")).as("orders fill at the next bar").isEmpty();
        JsonNode days = api.json("/api/v1/portfolios/" + paper.portfolioId() + "/performance?days=2", 200);
        assertThat(days).as("the daily view was refreshed after the cycle").hasSize(1);
        assertThat(days.get(0).get("day").asText())
                .isEqualTo(LocalDate.ofInstant(api.ctx.clock().instant(), ZoneOffset.UTC)
                        .toString());
        assertThat(days.get(0).get("equity").decimalValue()).isEqualByComparingTo("100000");

        long accepted = count(view, "new");
        api.ctx
                .database()
                .update(
                        "test.next-bar",
                        "INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume)"
                                + " SELECT DISTINCT ON (b.symbol_id) b.symbol_id, '1h', b.ts + interval '1 hour',"
                                // the bar reaches every limit entry (a buy's below the close, a sell's above)
                                + " b.close, GREATEST(b.close * 1.001, coalesce((SELECT max(o.limit_price) FROM"
                                + " orders o WHERE o.symbol_id = b.symbol_id AND o.status = 'new' AND o.side ="
                                + " 'sell'), 0)), LEAST(b.close * 0.999, coalesce((SELECT min(o.limit_price) FROM"
                                + " orders o WHERE o.symbol_id = b.symbol_id AND o.status = 'new' AND o.side ="
                                + " 'buy'), b.close)), b.close, 1000000 FROM bars b"
                                + " WHERE b.timeframe = '1h' ORDER BY b.symbol_id, b.ts DESC",
                        ps -> {});
        List<SessionReport> reports = api.ctx.paperTrading().onRun(0, Timeframe.H1, List.of());

        assertThat(reports).singleElement().satisfies(r -> assertThat(r.fills()).isEqualTo((int) accepted));
        JsonNode filled = api.json(path, 200);
        assertThat(filled.get("positions")).as("each fill opened a position").hasSize((int) accepted);
        assertThat(count(filled, "filled")).isEqualTo(accepted);
    }

    private static long count(JsonNode view, String status) {
        long n = 0;
        for (JsonNode t : view.get("trades")) {
            n += t.at("/order/status").asText().equalsIgnoreCase(status) ? 1 : 0;
        }
        return n;
    }
}
