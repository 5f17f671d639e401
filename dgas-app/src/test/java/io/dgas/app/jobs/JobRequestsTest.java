package io.dgas.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.Json;
import io.dgas.app.evaluate.SignalEvaluation;
import io.dgas.app.trading.BacktestRequest;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.Sizing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The requests of the job kinds read back from the JSON a job keeps equal to what was submitted: a server other than
 * the one that accepted a job runs exactly the request asked.
 */
class JobRequestsTest {
    private static final Instant FROM = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-06-01T00:00:00Z");

    /** Every signal parameter off its default, so a parameter dropped on the way is seen. */
    private static SignalParams signals() {
        return new SignalParams(0.55, 0.45, 1.75, 2.5, 0.25, 4, 21, 3_600, 86_400, 2.75, 1.25, 7, 40);
    }

    private static <R> R roundTrip(R request, Class<R> type) throws Exception {
        return Json.API.readValue(Json.API.writeValueAsString(request), type);
    }

    @Test
    void backtestRequest_writtenAndReadBack_equal() throws Exception {
        BigDecimal capital = new BigDecimal("250000.00");
        BacktestRequest r = new BacktestRequest(
                List.of("AAA", "BBB"),
                FROM,
                TO,
                Timeframe.H4,
                Timeframe.H1,
                capital,
                BacktestRequest.limits(capital, new BigDecimal("50000"), null, null),
                new PaperRules(
                        Sizing.PERCENT_EQUITY,
                        new BigDecimal("12.5"),
                        7.5,
                        new BigDecimal("0.005"),
                        0.01,
                        new BigDecimal("1.00")),
                signals());

        assertThat(roundTrip(r, BacktestRequest.class)).isEqualTo(r);
    }

    @Test
    void backtestRequest_theWholeUniverse_readBackWithoutSymbols() throws Exception {
        BigDecimal capital = new BigDecimal("100000");
        BacktestRequest r = new BacktestRequest(
                null,
                FROM,
                TO,
                Timeframe.D1,
                Timeframe.H4,
                capital,
                BacktestRequest.limits(capital, null, null, null),
                PaperRules.fixedCash(new BigDecimal("10000")),
                SignalParams.defaults());

        assertThat(roundTrip(r, BacktestRequest.class)).isEqualTo(r);
    }

    @Test
    void evaluationRequest_writtenAndReadBack_equal() throws Exception {
        SignalEvaluation.Request r =
                new SignalEvaluation.Request(List.of("AAA"), FROM, TO, Timeframe.H4, Timeframe.H1, signals(), 12.5);

        assertThat(roundTrip(r, SignalEvaluation.Request.class)).isEqualTo(r);
    }
}
