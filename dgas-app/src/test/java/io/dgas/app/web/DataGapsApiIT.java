package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.gaps.DataGaps;
import io.dgas.app.quality.DataChecks;
import io.dgas.domain.Timeframe;
import io.dgas.store.SqlSession;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /api/v1/bars/{symbol}/gaps} and its service: a 24/7 series misses every absent bar; a US stock's misses
 * only bars of its sessions (nights, the weekend, 4 July 2024 and the afternoon after 3 July's 13:00 early close are
 * no gaps); London and Sydney tickers by their exchanges' sessions and holidays; a ticker of an exchange without a
 * calendar is not judged.
 */
class DataGapsApiIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    @BeforeAll
    static void seed() {
        // crypto, hourly, 1 June 2024 00:00-23:00 UTC without 05-07 and 15
        List<Instant> crypto = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (!Set.of(5, 6, 7, 15).contains(h)) {
                crypto.add(Instant.parse("2024-06-01T00:00:00Z").plus(Duration.ofHours(h)));
            }
        }
        ingest("GAPC", "1h", crypto);
        api.ctx
                .database()
                .update(
                        "t.crypto",
                        "UPDATE symbols SET asset_class = 'crypto' WHERE ticker = 'GAPC'",
                        SqlSession.Binder.NONE);
        // a stock, hourly: the bars meeting 09:30-16:00 New York (13:00-19:00 UTC in July), 13:00-16:00 UTC on the
        // early close of 3 July, none on 4 July; missing 2 July 15:00 and 8 July 13:00 and 14:00
        List<Instant> hourly = new ArrayList<>();
        for (String day : List.of("2024-07-01", "2024-07-02", "2024-07-03", "2024-07-05", "2024-07-08")) {
            int lastHour = day.equals("2024-07-03") ? 16 : 19;
            for (int h = 13; h <= lastHour; h++) {
                Instant t = Instant.parse(day + "T00:00:00Z").plus(Duration.ofHours(h));
                if (!Set.of("2024-07-02T15:00:00Z", "2024-07-08T13:00:00Z", "2024-07-08T14:00:00Z")
                        .contains(t.toString())) {
                    hourly.add(t);
                }
            }
        }
        ingest("GAPS", "1h", hourly);
        // and daily: the weekdays of 1-12 July but the holiday and 10 July
        List<Instant> daily = new ArrayList<>();
        for (int d = 1; d <= 12; d++) {
            Instant t = Instant.parse("2024-07-01T00:00:00Z").plus(Duration.ofDays(d - 1));
            int dow = t.atZone(ZoneOffset.UTC).getDayOfWeek().getValue();
            if (dow <= 5 && d != 4 && d != 10) {
                daily.add(t);
            }
        }
        ingest("GAPS", "1d", daily);
        // forex, hourly: Friday 7 June 2024 12:00-20:00 UTC (the week closes at 17:00 New York, 21:00 UTC), then from
        // Sunday 9 June 21:00 (the week opens) to Monday 06:00, without Monday 02:00
        List<Instant> fx = new ArrayList<>();
        for (Instant t = Instant.parse("2024-06-07T12:00:00Z");
                t.isBefore(Instant.parse("2024-06-10T07:00:00Z"));
                t = t.plus(Duration.ofHours(1))) {
            boolean weekend = t.isAfter(Instant.parse("2024-06-07T20:00:00Z"))
                    && t.isBefore(Instant.parse("2024-06-09T21:00:00Z"));
            if (!weekend && !t.equals(Instant.parse("2024-06-10T02:00:00Z"))) {
                fx.add(t);
            }
        }
        ingest("GAPF", "1h", fx);
        // and daily, stamped by date: the weekdays of 3-14 June but 12 June (no Sunday bars)
        List<Instant> fxDaily = new ArrayList<>();
        for (int d = 3; d <= 14; d++) {
            Instant t = Instant.parse("2024-06-01T00:00:00Z").plus(Duration.ofDays(d - 1));
            if (t.atZone(ZoneOffset.UTC).getDayOfWeek().getValue() <= 5 && d != 12) {
                fxDaily.add(t);
            }
        }
        ingest("GAPF", "1d", fxDaily);
        // a London ticker, hourly: the bars meeting 08:00-16:30 London (07:00-15:30 UTC in May) of Friday 3 May 2024
        // and Tuesday 7 May (Monday 6 May, the early May bank holiday, closed), without 7 May 09:00 UTC
        List<Instant> london = new ArrayList<>();
        for (String day : List.of("2024-05-03", "2024-05-07")) {
            for (int h = 7; h <= 15; h++) {
                Instant t = Instant.parse(day + "T00:00:00Z").plus(Duration.ofHours(h));
                if (!t.equals(Instant.parse("2024-05-07T09:00:00Z"))) {
                    london.add(t);
                }
            }
        }
        ingest("GAPL.LSE", "1h", london);
        // a Sydney ticker, hourly: 10:00-16:00 Sydney (00:00-06:00 UTC in April) of Wednesday 24 April 2024 and Friday
        // 26 April (Anzac Day between, closed), without 26 April 02:00 UTC
        List<Instant> sydney = new ArrayList<>();
        for (String day : List.of("2024-04-24", "2024-04-26")) {
            for (int h = 0; h <= 5; h++) {
                Instant t = Instant.parse(day + "T00:00:00Z").plus(Duration.ofHours(h));
                if (!t.equals(Instant.parse("2024-04-26T02:00:00Z"))) {
                    sydney.add(t);
                }
            }
        }
        ingest("GAPA.AU", "1h", sydney);
        // a Hong Kong ticker, hourly: the bars meeting 09:30-12:00 and 13:00-16:00 Hong Kong (01:30-04:00 and
        // 05:00-08:00 UTC) of Wednesday 3 April 2024 and Friday 5 April (Ching Ming between, closed), without 5 April
        // 06:00 UTC; the 04:00 UTC bar, the lunch break, is never stored
        List<Instant> hongKong = new ArrayList<>();
        for (String day : List.of("2024-04-03", "2024-04-05")) {
            for (int h : new int[] {1, 2, 3, 5, 6, 7}) {
                Instant t = Instant.parse(day + "T00:00:00Z").plus(Duration.ofHours(h));
                if (!t.equals(Instant.parse("2024-04-05T06:00:00Z"))) {
                    hongKong.add(t);
                }
            }
        }
        ingest("GAPH.HK", "1h", hongKong);
        // a US stock whose New York times (09:00-15:00, EST) were stored as UTC, closes 100 and 100.1 alternating but a
        // bad print of 110 on 14 January 2025 12:00, and five bars that did not trade from 16 January 09:00
        StringBuilder wrongZone = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (int d = 13; d <= 17; d++) {
            for (int h = 9; h <= 15; h++) {
                String ts = String.format("2025-01-%02dT%02d:00:00Z", d, h);
                boolean idle = d == 16 && h <= 13;
                double close = ts.equals("2025-01-14T12:00:00Z") ? 110 : h % 2 == 0 ? 100 : 100.1;
                wrongZone.append(ts).append(",CHKW,1h,");
                wrongZone.append(
                        idle ? "100,100,100,100,0" : "100," + Math.max(close, 100.1) + ",99.9," + close + ",5");
                wrongZone.append('\n');
            }
        }
        api.ctx
                .ingest()
                .bars(
                        "chkw.csv",
                        wrongZone.toString(),
                        api.ctx.ingest().options(ZoneOffset.UTC).withCreateSymbols(true));
        // a Korean ticker: no calendar here, so its hours are not judged
        ingest("GAPK.KO", "1h", List.of(Instant.parse("2024-04-24T00:00:00Z"), Instant.parse("2024-04-25T00:00:00Z")));
        api.ctx
                .database()
                .update(
                        "t.forex",
                        "UPDATE symbols SET asset_class = 'forex' WHERE ticker = 'GAPF'",
                        SqlSession.Binder.NONE);
    }

    private static void ingest(String symbol, String tf, List<Instant> times) {
        MarketSeed.flat(api.ctx, symbol, Timeframe.parse(tf), times);
    }

    @Test
    void find_allDayMarket_everyAbsentHourMissing() {
        DataGaps.Report r = api.ctx.gaps().find("GAPC", Timeframe.H1, null, null, 100, 0);

        assertThat(r.market()).isEqualTo("crypto");
        assertThat(r.bars()).isEqualTo(20);
        assertThat(r.gaps().items())
                .containsExactly(
                        new DataGaps.Gap(
                                Instant.parse("2024-06-01T05:00:00Z"), Instant.parse("2024-06-01T07:00:00Z"), 3),
                        new DataGaps.Gap(
                                Instant.parse("2024-06-01T15:00:00Z"), Instant.parse("2024-06-01T15:00:00Z"), 1));
        assertThat(r.missing()).isEqualTo(4);
        assertThat(r.coverage()).isEqualTo(20.0 / 24);
    }

    @Test
    void find_usStock_onlySessionBarsMissing() {
        DataGaps.Report hourly = api.ctx.gaps().find("GAPS", Timeframe.H1, null, null, 100, 0);
        DataGaps.Report daily = api.ctx.gaps().find("GAPS", Timeframe.D1, null, null, 100, 0);

        assertThat(hourly.market()).isEqualTo("us-equities");
        assertThat(hourly.gaps().items())
                .as("not the nights, the weekend, 4 July or 3 July after 13:00 New York")
                .containsExactly(
                        new DataGaps.Gap(
                                Instant.parse("2024-07-02T15:00:00Z"), Instant.parse("2024-07-02T15:00:00Z"), 1),
                        new DataGaps.Gap(
                                Instant.parse("2024-07-08T13:00:00Z"), Instant.parse("2024-07-08T14:00:00Z"), 2));
        assertThat(daily.gaps().items())
                .containsExactly(new DataGaps.Gap(
                        Instant.parse("2024-07-10T00:00:00Z"), Instant.parse("2024-07-10T00:00:00Z"), 1));
        assertThat(daily.bars()).isEqualTo(8);
    }

    @Test
    void find_forex_theOvernightHourMissing_notTheWeekendNorSundays() {
        DataGaps.Report hourly = api.ctx.gaps().find("GAPF", Timeframe.H1, null, null, 100, 0);
        DataGaps.Report daily = api.ctx.gaps().find("GAPF", Timeframe.D1, null, null, 100, 0);

        assertThat(hourly.market()).isEqualTo("forex");
        assertThat(hourly.gaps().items())
                .as(
                        "Monday 02:00 UTC (Sunday 22:00 New York) is in the forex week; Friday 21:00 to Sunday 21:00 is not")
                .containsExactly(new DataGaps.Gap(
                        Instant.parse("2024-06-10T02:00:00Z"), Instant.parse("2024-06-10T02:00:00Z"), 1));
        assertThat(daily.gaps().items())
                .as("the Sunday evening session is Monday's: no Sunday bar is expected")
                .containsExactly(new DataGaps.Gap(
                        Instant.parse("2024-06-12T00:00:00Z"), Instant.parse("2024-06-12T00:00:00Z"), 1));
    }

    @Test
    void find_londonTicker_itsSessionAndBankHoliday_notNewYorks() {
        DataGaps.Report r = api.ctx.gaps().find("GAPL.LSE", Timeframe.H1, null, null, 100, 0);

        assertThat(r.market()).isEqualTo("lse");
        assertThat(r.gaps().items())
                .as("the bank holiday Monday is no gap, nor the hours New York trades after London's close")
                .containsExactly(new DataGaps.Gap(
                        Instant.parse("2024-05-07T09:00:00Z"), Instant.parse("2024-05-07T09:00:00Z"), 1));
    }

    @Test
    void find_sydneyTicker_itsSessionAndAnzacDay_notNewYorks() {
        DataGaps.Report r = api.ctx.gaps().find("GAPA.AU", Timeframe.H1, null, null, 100, 0);

        assertThat(r.market()).isEqualTo("asx");
        assertThat(r.gaps().items())
                .as("Anzac Day is no gap, nor the hours New York trades")
                .containsExactly(new DataGaps.Gap(
                        Instant.parse("2024-04-26T02:00:00Z"), Instant.parse("2024-04-26T02:00:00Z"), 1));
    }

    @Test
    void find_hongKongTicker_notTheLunchBreakNorChingMing() throws Exception {
        JsonNode r = api.json("/api/v1/bars/gaph.hk/gaps?interval=1h", 200);

        assertThat(r.get("market").asText()).isEqualTo("hkex");
        assertThat(r.get("bars").asLong()).isEqualTo(11);
        assertThat(r.get("missing").asLong()).isOne();
        assertThat(r.at("/gaps/items/0/from").asText()).isEqualTo("2024-04-05T06:00:00Z");
        assertThat(r.at("/gaps/items/0/to").asText()).isEqualTo("2024-04-05T06:00:00Z");
    }

    @Test
    void gapsRoute_exchangeWithoutACalendar_400NamingTheSymbolAndTheExchangesKnown() throws Exception {
        JsonNode e = api.json("/api/v1/bars/gapk.ko/gaps?interval=1h", 400);

        assertThat(e.get("parameter").asText()).isEqualTo("symbol");
        assertThat(e.get("value").asText()).isEqualTo("GAPK.KO");
        assertThat(e.get("error").asText()).startsWith("no exchange calendar for GAPK.KO (exchange KO)");
        assertThat(e.get("accepted").toString()).contains("\"AU\"", "\"LSE\"", "\"PA\"", "\"US\"");
    }

    @Test
    void checkRoute_newYorkTimesStoredAsUtc_theShiftThatExplainsThem_theBadPrintAndTheIdleRun() throws Exception {
        JsonNode r = api.json("/api/v1/bars/chkw/check?interval=1h&limit=3", 200);

        assertThat(r.get("market").asText()).isEqualTo("us-equities");
        assertThat(r.get("bars").asLong()).isEqualTo(35);
        // 09:00-13:00 UTC of each day meet no session (14:30-21:00 UTC); 14:00 and 15:00 meet it
        JsonNode o = r.get("outside_hours");
        assertThat(o.get("count").asLong()).isEqualTo(25);
        assertThat(o.get("first").toString())
                .isEqualTo("[\"2025-01-13T09:00:00Z\",\"2025-01-13T10:00:00Z\",\"2025-01-13T11:00:00Z\"]");
        assertThat(o.get("shift_hours").asInt()).as("EST is UTC-5").isEqualTo(5);
        assertThat(o.get("outside_after_shift").asLong()).isZero();
        JsonNode spikes = r.get("spikes");
        assertThat(spikes.get("threshold").asDouble()).isEqualTo(10);
        assertThat(spikes.at("/items/0/ts").asText()).isEqualTo("2025-01-14T12:00:00Z");
        assertThat(spikes.at("/items/0/close").asDouble()).isEqualTo(110);
        assertThat(spikes.at("/items/0/reverted").asBoolean()).isTrue();
        assertThat(r.at("/flat_runs/count").asLong()).isOne();
        assertThat(r.at("/flat_runs/items/0/from").asText()).isEqualTo("2025-01-16T09:00:00Z");
        assertThat(r.at("/flat_runs/items/0/bars").asInt()).isEqualTo(5);

        JsonNode korean = api.json("/api/v1/bars/gapk.ko/check?interval=1h", 200);
        assertThat(korean.get("outside_hours").isNull())
                .as("no calendar: not judged")
                .isTrue();
        assertThat(korean.at("/spikes/sigma").isNull())
                .as("two bars: no deviation")
                .isTrue();
        assertThat(api.json("/api/v1/bars/CHKW/check?interval=1h&spike_sigma=1", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("spike_sigma");
        assertThat(api.get("/api/v1/bars/NOPE/check?interval=1h").statusCode()).isEqualTo(404);
    }

    @Test
    void gapsRoute_pagingRangeAndBadParameters() throws Exception {
        JsonNode page = api.json("/api/v1/bars/gapc/gaps?interval=1h&limit=1&offset=1", 200);
        assertThat(page.get("missing").asLong()).isEqualTo(4);
        assertThat(page.at("/gaps/total").asLong()).isEqualTo(2);
        assertThat(page.at("/gaps/items/0/from").asText()).isEqualTo("2024-06-01T15:00:00Z");
        assertThat(page.at("/gaps/items/0/missing").asLong()).isEqualTo(1);
        assertThat(page.at("/gaps/next_offset").isNull()).isTrue();

        JsonNode ranged = api.json("/api/v1/bars/GAPC/gaps?interval=1h&from=2024-06-01T10:00:00Z", 200);
        assertThat(ranged.get("bars").asLong()).isEqualTo(13);
        assertThat(ranged.at("/gaps/total").asLong()).isEqualTo(1);

        assertThat(api.json("/api/v1/bars/GAPC/gaps", 400).get("parameter").asText())
                .isEqualTo("interval");
        assertThat(api.json("/api/v1/bars/GAPC/gaps?interval=1h&limit=0", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("limit");
        assertThat(api.get("/api/v1/bars/NOPE/gaps?interval=1h").statusCode()).isEqualTo(404);
    }

    @Test
    void universe_everySymbolsSeriesAtTheTimeframe_mostMissingFirst() throws Exception {
        var page = api.ctx.gaps().universe(Timeframe.H1, null, null, 100, 0);

        assertThat(page.items())
                .extracting(DataGaps.SeriesGaps::symbol, DataGaps.SeriesGaps::missing, DataGaps.SeriesGaps::gaps)
                .containsExactly(
                        // the wrong zone's evenings: New York's 16:00-21:00 UTC hours of four nights
                        org.assertj.core.groups.Tuple.tuple("CHKW", 20L, 4L),
                        org.assertj.core.groups.Tuple.tuple("GAPC", 4L, 2L),
                        org.assertj.core.groups.Tuple.tuple("GAPS", 3L, 2L),
                        org.assertj.core.groups.Tuple.tuple("GAPA.AU", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("GAPF", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("GAPH.HK", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("GAPL.LSE", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("GAPK.KO", null, null));
        assertThat(page.items().get(7).market()).isEqualTo("ko");
        assertThat(page.items().get(7).bars()).isEqualTo(2);
        assertThat(page.items().get(7).coverage()).isNull();
        assertThat(page.items().get(1).coverage()).isEqualTo(20.0 / 24);
        assertThat(page.items().get(2).market()).isEqualTo("us-equities");

        JsonNode daily = api.json("/api/v1/gaps?interval=1d&limit=1", 200);
        assertThat(daily.get("total").asLong()).isEqualTo(2);
        assertThat(daily.at("/items/0/symbol").asText())
                .as("one missing each: by ticker")
                .isEqualTo("GAPF");
        assertThat(daily.at("/items/0/missing").asLong()).isEqualTo(1);
        assertThat(api.json("/api/v1/gaps", 400).get("parameter").asText()).isEqualTo("interval");
    }

    @Test
    void checksUniverse_everySeriesCountedAsItsOwnCheck_mostFindingsFirst() throws Exception {
        var page = api.ctx.checks().universe(Timeframe.H1, null, null, 10, 5, 100, 0);

        // CHKW: 25 bars outside New York's hours (explained by +5 h), the bad print's two returns (up to it and back),
        // the idle run; the others none
        assertThat(page.items())
                .extracting(DataChecks.SeriesCheck::symbol, DataChecks.SeriesCheck::findings)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CHKW", 25L + 2 + 1),
                        org.assertj.core.groups.Tuple.tuple("GAPA.AU", 0L),
                        org.assertj.core.groups.Tuple.tuple("GAPC", 0L),
                        org.assertj.core.groups.Tuple.tuple("GAPF", 0L),
                        org.assertj.core.groups.Tuple.tuple("GAPH.HK", 0L),
                        org.assertj.core.groups.Tuple.tuple("GAPK.KO", 0L),
                        org.assertj.core.groups.Tuple.tuple("GAPL.LSE", 0L),
                        org.assertj.core.groups.Tuple.tuple("GAPS", 0L));
        for (DataChecks.SeriesCheck c : page.items()) {
            DataChecks.Report one = api.ctx.checks().check(c.symbol(), Timeframe.H1, null, null, 10, 5, 1);
            assertThat(c.bars()).as(c.symbol()).isEqualTo(one.bars());
            assertThat(c.first()).as(c.symbol()).isEqualTo(one.first());
            assertThat(c.last()).as(c.symbol()).isEqualTo(one.last());
            assertThat(c.market()).as(c.symbol()).isEqualTo(one.market());
            assertThat(c.outsideHours())
                    .as(c.symbol())
                    .isEqualTo(
                            one.outsideHours() == null
                                    ? null
                                    : one.outsideHours().count());
            assertThat(c.shiftHours())
                    .as(c.symbol())
                    .isEqualTo(
                            one.outsideHours() == null
                                    ? null
                                    : one.outsideHours().shiftHours());
            assertThat(c.spikes()).as(c.symbol()).isEqualTo(one.spikes().count());
            assertThat(c.flatRuns()).as(c.symbol()).isEqualTo(one.flatRuns().count());
        }
        assertThat(page.items().get(0).shiftHours()).isEqualTo(5);
        assertThat(page.items().get(5).outsideHours())
                .as("no calendar: not judged")
                .isNull();

        JsonNode api1 = api.json("/api/v1/bar-checks?interval=1h&limit=2&flat_bars=6", 200);
        assertThat(api1.get("total").asLong()).isEqualTo(8);
        assertThat(api1.get("next_offset").asInt()).isEqualTo(2);
        assertThat(api1.at("/items/0/symbol").asText()).isEqualTo("CHKW");
        assertThat(api1.at("/items/0/outside_hours").asLong()).isEqualTo(25);
        assertThat(api1.at("/items/0/shift_hours").asInt()).isEqualTo(5);
        assertThat(api1.at("/items/0/flat_runs").asLong())
                .as("the idle run is 5 bars long")
                .isZero();
        assertThat(api1.at("/items/0/findings").asLong()).isEqualTo(25 + 2);
        JsonNode ranged = api.json("/api/v1/bar-checks?interval=1h&from=2025-01-01T00:00:00Z", 200);
        assertThat(ranged.get("total").asLong())
                .as("only CHKW has bars from 2025")
                .isOne();
        assertThat(api.json("/api/v1/bar-checks?interval=1d", 200).get("total").asLong())
                .isEqualTo(2);
        assertThat(api.json("/api/v1/bar-checks", 400).get("parameter").asText())
                .isEqualTo("interval");
        assertThat(api.json("/api/v1/bar-checks?interval=1h&spike_sigma=1", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("spike_sigma");
    }

    @Test
    void calendarRoutes_everyCalendarAndOneExchangesYear_badExchangeOrYearNamed() throws Exception {
        JsonNode all = api.json("/api/v1/calendars", 200);
        assertThat(all.toString())
                .contains("{\"exchange\":\"HK\",\"market\":\"hkex\",\"zone\":\"Asia/Hong_Kong\","
                        + "\"session\":\"09:30-16:00\",\"lunch_break\":\"12:00-13:00\",\"source\":\"shipped\"}");

        JsonNode hk = api.json("/api/v1/calendars/hk?year=2024", 200);
        assertThat(hk.get("year").asInt()).isEqualTo(2024);
        assertThat(hk.get("closed").size()).isEqualTo(16);
        assertThat(hk.at("/closed/1").toString()).isEqualTo("{\"date\":\"2024-02-12\",\"weekday\":\"Mon\"}");
        assertThat(hk.at("/early_closes/0").toString())
                .isEqualTo("{\"date\":\"2024-02-09\",\"weekday\":\"Fri\",\"closes\":\"12:00:00\"}");
        JsonNode thisYear = api.json("/api/v1/calendars/US", 200);
        assertThat(thisYear.get("year").asInt())
                .isEqualTo(java.time.LocalDate.now(api.ctx.clock()).getYear());

        JsonNode unknown = api.json("/api/v1/calendars/ZZ", 400);
        assertThat(unknown.get("parameter").asText()).isEqualTo("exchange");
        assertThat(unknown.get("accepted").toString()).contains("\"HK\"", "\"FOREX\"");
        assertThat(api.json("/api/v1/calendars/HK?year=1900", 400)
                        .get("parameter")
                        .asText())
                .isEqualTo("year");
    }
}
