package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.evaluate.SignalEvaluation;
import io.dgas.app.jobs.JobBody;
import io.dgas.app.jobs.JobKinds;
import io.dgas.app.service.AnalysisService;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.List;

/**
 * <b>[C]</b> {@code GET /api/v1/signals/evaluation}: what past signals were worth, as {@code dgas signals evaluate}
 * (the same {@link SignalEvaluation#evaluate}, the same defaults and answer as its {@code --json}). A read: it changes
 * nothing, but replays every stored bar of its symbols.
 */
final class EvaluationRoutes {
    /** The replay's universe, range, timeframes, cost and signal parameters, as {@code dgas signals evaluate}'s. */
    private static final List<Param> PARAMS = ApiV1.concat(
            List.of(
                    WriteRoutes.UNIVERSE,
                    Param.query("from", Type.INSTANT, "first time whose signals count (default: the first bar)"),
                    Param.query("to", Type.INSTANT, "signals before it count (default: all)"),
                    WriteRoutes.HTF,
                    WriteRoutes.TRADING,
                    Param.query("cost_bps", Type.NUMBER, "round-trip cost in basis points of the entry")
                            .withDefault("0")
                            .range(0, 10_000)),
            SignalOverrideParams.params(false));

    private EvaluationRoutes() {}

    static List<Route> routes(AppContext ctx) {
        return List.of(
                Route.get(
                        "/api/v1/signals/evaluation",
                        "Replay the stored bars bar by bar and score the signals they give (per type, tier and score decile:"
                                + " fill rate, wins, losses, average R, expectancy with its 95 % interval; the calibration"
                                + " table), as dgas signals evaluate",
                        PARAMS,
                        "{request, symbols: {ticker: signals counted}, skipped: {ticker: why}, report: {groups: [{key,"
                                + " signals, filled, not_filled, wins, losses, time_exits, pending, fill_rate, avg_r,"
                                + " expectancy, expectancy_low, expectancy_high}], calibration: [{from, n, predicted,"
                                + " observed}], brier, calibrated_decided, violations, median_entry_atr}}",
                        (c, a) -> ctx.signalEvaluation().evaluate(request(ctx, a))),
                Route.admin(
                        "POST",
                        "/api/v1/signals/evaluation",
                        "The same replay as a background job (a large universe): 202 at once with the job;"
                                + " GET /api/v1/jobs/{id} follows it and then holds the answer of the GET",
                        PARAMS.stream().map(Param::inBody).toList(),
                        JobBody.SHAPE,
                        (c, a) -> {
                            SignalEvaluation.Request r = request(ctx, a);
                            return JobRoutes.start(c, ctx::jobs, JobKinds.EVALUATION, r);
                        }));
    }

    private static SignalEvaluation.Request request(AppContext ctx, Args a) {
        Instant from = a.get("from");
        Instant to = a.get("to");
        ApiV1.requireAfter(from, to);
        String trading = a.get("trading");
        String htf = a.get("htf");
        Timeframe t = trading != null ? Timeframe.parse(trading) : ctx.config().timeframe(ConfigKeys.TRADING);
        return new SignalEvaluation.Request(
                WriteRoutes.tickers(a.get("symbols")),
                from,
                to,
                AnalysisService.higherFor(
                        htf != null ? Timeframe.parse(htf) : null,
                        trading != null ? t : null,
                        ctx.config().timeframe(ConfigKeys.HTF)),
                t,
                ctx.signalParams(SignalOverrideParams.overrides(a)),
                a.get("cost_bps"));
    }
}
