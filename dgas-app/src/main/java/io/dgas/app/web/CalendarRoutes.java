package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.calendar.Calendars;
import io.dgas.app.web.Param.Type;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/calendars} and {@code GET /api/v1/calendars/{exchange}}: the exchange calendars dgas judges bars
 * by, and one's closures in a year, as {@code dgas data calendar} (same service).
 */
final class CalendarRoutes {
    private CalendarRoutes() {}

    static List<Route> routes(AppContext ctx) {
        return List.of(
                Route.get(
                        "/api/v1/calendars",
                        "The exchange calendars bars are judged by: each stock exchange's code, market, zone, session,"
                                + " midday break and source (shipped, or the user's calendars.dir), then the forex week",
                        List.of(),
                        "[{exchange, market, zone, session, lunch_break, source}]",
                        (c, a) -> ctx.calendars().list()),
                Route.get(
                        "/api/v1/calendars/{exchange}",
                        "One exchange's calendar and the weekdays it is closed and the days it closes early in a year,"
                                + " to check against the exchange's own list",
                        List.of(
                                Param.path(
                                        "exchange", Type.STRING, "the market-data API's exchange code (HK, LSE, US)"),
                                Param.query("year", Type.INT, "the year (default: this year)")
                                        .range(Calendars.MIN_YEAR, Calendars.MAX_YEAR)),
                        "{calendar: {exchange, market, zone, session, lunch_break, source}, year, closed: [{date,"
                                + " weekday}], early_closes: [{date, weekday, closes}]}",
                        (c, a) -> {
                            Integer year = a.get("year");
                            return ctx.calendars()
                                    .year(
                                            a.get("exchange"),
                                            year != null
                                                    ? year
                                                    : LocalDate.now(ctx.clock()).getYear());
                        }));
    }
}
