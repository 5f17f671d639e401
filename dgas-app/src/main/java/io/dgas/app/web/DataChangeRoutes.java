package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.ingest.DataChanges;
import io.dgas.app.service.BadInputException;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.bars.SoftDelete;
import io.dgas.store.ingest.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Soft delete, restore and purge of stored market data under {@code /api/v1/data/…} (token), as {@code dgas data
 * delete|restore|purge}: the same {@link SoftDelete} methods, the same answer ({@link DataChanges}); each route parses,
 * calls, renders.
 */
final class DataChangeRoutes {
    private static final String CHANGED_JSON =
            "{bars, ticks, rebuilt: [{timeframe, written, deleted}] (with rebuild: each higher timeframe made again)}";

    private DataChangeRoutes() {}

    static List<Route> routes(AppContext ctx) {
        List<Param> selection = List.of(
                Param.query("symbol", Type.TICKER, "stored ticker").withRequired(),
                Param.query("interval", Type.ENUM, "one timeframe (default: every timeframe, and the ticks too)")
                        .oneOf(ApiV1.TIMEFRAMES),
                Param.query("from", Type.INSTANT, "first ts included"),
                Param.query("to", Type.INSTANT, "first ts excluded"),
                Param.query(
                        "rebuild",
                        Type.STRING,
                        "comma-separated higher timeframes built from interval (dgas aggregate) to make again over the"
                                + " range, e.g. 5m,1h"));
        return List.of(
                Route.admin(
                        "POST",
                        "/api/v1/data/delete",
                        "Soft-delete a symbol's bars (and ticks) in a range, as dgas data delete; idempotent",
                        selection,
                        CHANGED_JSON,
                        (c, a) -> DataChanges.body(change(ctx, a, true))),
                Route.admin(
                        "POST",
                        "/api/v1/data/restore",
                        "Undo a soft delete of a symbol's bars (and ticks) in a range, as dgas data restore; idempotent",
                        selection,
                        CHANGED_JSON,
                        (c, a) -> DataChanges.body(change(ctx, a, false))),
                Route.admin(
                        "POST",
                        "/api/v1/data/purge",
                        "Hard-delete rows soft-deleted longer ago than older_than_days, as dgas data purge",
                        List.of(Param.query("older_than_days", Type.INT, "days since the soft delete")
                                .withRequired()
                                .range(1, 36_500)),
                        "{bars, ticks}",
                        (c, a) -> DataChanges.body(
                                softDelete(ctx).purge(Duration.ofDays(a.<Integer>get("older_than_days"))))));
    }

    private static SoftDelete softDelete(AppContext ctx) {
        return new SoftDelete(ctx.database(), ctx.clock(), ctx.ingestListener());
    }

    private static SoftDelete.Changed change(AppContext ctx, Args a, boolean delete) {
        String symbol = a.get("symbol");
        String interval = a.get("interval");
        Instant from = a.get("from");
        Instant to = a.get("to");
        // an empty range would change nothing and answer 0 rows as if the selection had been applied
        ApiV1.requireAfter(from, to);
        SoftDelete.Selection sel = new SoftDelete.Selection(
                symbol.toUpperCase(Locale.ROOT), interval == null ? null : Timeframe.parse(interval), from, to);
        List<Timeframe> rebuild = rebuild(a.get("rebuild"), interval);
        KnownSymbols.require(ctx.database(), List.of(sel.symbol()));
        try {
            return delete
                    ? softDelete(ctx).delete(sel, rebuild)
                    : softDelete(ctx).restore(sel, rebuild);
        } catch (InvalidInputException e) {
            // refused before any change: a target that is not a larger multiple of the interval
            throw new BadInputException(
                    "rebuild", a.get("rebuild"), e.getMessage(), List.of("larger multiples of " + interval));
        }
    }

    /** The rebuild targets, each a timeframe; they need the interval they are built from. */
    private static List<Timeframe> rebuild(String raw, String interval) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        if (interval == null) {
            throw new BadInputException(
                    "rebuild", raw, "rebuild needs interval, the timeframe its bars are built from", ApiV1.TIMEFRAMES);
        }
        List<Timeframe> out = new ArrayList<>();
        for (String t : raw.split(",")) {
            try {
                out.add(Timeframe.parse(t.trim()));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("rebuild", raw, "rebuild: " + e.getMessage(), ApiV1.TIMEFRAMES);
            }
        }
        return out;
    }
}
