package io.dgas.store.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.calc.drummond.Calibration;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The calibration counts ({@code signal_calibration}, kept by statement triggers on {@code signals}) equal the
 * aggregate over every stored signal that {@link SignalOutcomes#decided} ran before, after signals are inserted with
 * and without outcomes, outcomes recorded and changed, signals superseded and deleted.
 */
class SignalCalibrationIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    /** The aggregate {@code decided} ran over the signals table before the counts were kept. */
    private static final String REFERENCE = "SELECT signal_type || ' ' || least(9, floor(greatest(0, least(1,"
            + " confidence)) * 10))::int || ' ' || count(*) FILTER (WHERE outcome = 'win') || ' '"
            + " || count(*) FILTER (WHERE outcome = 'loss') FROM signals WHERE outcome IN ('win', 'loss')"
            + " AND superseded_at IS NULL AND signal_type IN ('long', 'short')"
            + " GROUP BY signal_type, least(9, floor(greatest(0, least(1, confidence)) * 10))::int";

    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void exec(String sql) {
        db.update("test.exec", sql, ps -> {});
    }

    @Test
    void decided_afterInsertsOutcomesSupersedingAndDeletes_equalsTheAggregateOverEverySignal() {
        exec("INSERT INTO symbols (ticker, name) VALUES ('CAL', 'Cal Corp')");
        exec("INSERT INTO prediction_runs (started_at, htf_timeframe, trading_timeframe, status)"
                + " VALUES (now(), '4h', '1h', 'success')");
        String insert = "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, confidence,"
                + " strength, alignment, outcome) SELECT (SELECT max(id) FROM prediction_runs), s.id, '1h',"
                + " now() - (g || ' minutes')::interval, (ARRAY['long', 'short', 'exit_long'])[1 + g %% 3], 100,"
                + " CASE WHEN g %% 17 = 0 THEN 1 ELSE random() END, 1, 1, %s FROM symbols s,"
                + " generate_series(1, 300) g WHERE s.ticker = 'CAL'";
        exec(insert.formatted("NULL"));
        exec(insert.formatted("(ARRAY['win', 'loss', 'neutral', NULL])[1 + floor(random() * 4)::int]"));
        List<Long> ids = db.query("test.ids", "SELECT id FROM signals ORDER BY id", ps -> {}, rs -> rs.getLong(1));
        SignalOutcomes outcomes = new SignalOutcomes(db);
        Random random = new Random(7);
        Calibration.Outcome[] kinds = {Calibration.Outcome.WIN, Calibration.Outcome.LOSS, Calibration.Outcome.NEUTRAL};

        for (int round = 0; round < 3; round++) {
            List<SignalOutcomes.Recorded> recorded = new ArrayList<>();
            for (long id : ids) {
                if (random.nextInt(3) == 0) {
                    recorded.add(new SignalOutcomes.Recorded(id, kinds[random.nextInt(3)], 1.0));
                }
            }
            outcomes.record(recorded, Instant.now());
        }
        exec("UPDATE signals SET superseded_at = now() WHERE id % 11 = 0");
        exec("UPDATE signals SET superseded_at = NULL WHERE id % 22 = 0");
        exec("DELETE FROM signals WHERE id % 13 = 0");

        List<String> got = outcomes.decided().stream()
                .map(c -> c.type() + " " + c.decile() + " " + c.wins() + " " + c.losses())
                .sorted()
                .toList();
        List<String> expected = db.query("test.reference", REFERENCE, ps -> {}, rs -> rs.getString(1)).stream()
                .sorted()
                .toList();

        assertThat(got).isNotEmpty().isEqualTo(expected);
        assertThat(got).anyMatch(r -> r.startsWith("long 9 ")).noneMatch(r -> r.startsWith("exit_long"));
    }

    @Test
    void counts_runsOfOtherSettings_keptApart_minCalibratedAloneDoesNotSplit() {
        exec("INSERT INTO symbols (ticker, name) VALUES ('KEY', 'Key Corp')");
        String a = "{\"signals\": {\"min_reward_risk\": 2, \"min_calibrated\": 30}, \"mtf\": {}}";
        String a50 = "{\"signals\": {\"min_reward_risk\": 2, \"min_calibrated\": 50}, \"mtf\": {}}";
        String b = "{\"signals\": {\"min_reward_risk\": 3, \"min_calibrated\": 30}, \"mtf\": {}}";
        // per run: settings, then the outcomes of its long signals at score 0.95 (decile 9)
        Object[][] runs = {{a, "win", 3}, {a50, "loss", 1}, {b, "loss", 4}, {null, "win", 2}};
        for (Object[] r : runs) {
            db.update(
                    "test.run",
                    "INSERT INTO prediction_runs (started_at, htf_timeframe, trading_timeframe, status, settings)"
                            + " VALUES (now(), '4h', '1h', 'success', ?::jsonb)",
                    ps -> ps.setString(1, (String) r[0]));
            db.update(
                    "test.signals",
                    "INSERT INTO signals (run_id, symbol_id, timeframe, ts, signal_type, entry_price, confidence,"
                            + " strength, alignment, outcome) SELECT (SELECT max(id) FROM prediction_runs), s.id, '1h',"
                            + " now() - (g || ' minutes')::interval - (SELECT count(*) FROM signals) * interval '1 h',"
                            + " 'long', 100, 0.95, 1, 1, ? FROM symbols s, generate_series(1, ?) g WHERE s.ticker = 'KEY'",
                    ps -> {
                        ps.setString(1, (String) r[1]);
                        ps.setInt(2, (Integer) r[2]);
                    });
        }
        SignalOutcomes outcomes = new SignalOutcomes(db);
        java.util.Map<String, Object> settingsA =
                io.dgas.store.JsonColumns.read(a, new com.fasterxml.jackson.core.type.TypeReference<>() {});

        SignalOutcomes.Counts ofA = outcomes.counts(SignalOutcomes.settingsJson(settingsA));
        SignalOutcomes.Counts ofNone = outcomes.counts(SignalOutcomes.settingsJson(java.util.Map.of()));

        assertThat(cell(ofA.own()))
                .as("a and a with another min_calibrated: one key")
                .isEqualTo("3 1");
        assertThat(cell(ofA.all())).isEqualTo("5 5");
        assertThat(cell(ofNone.own())).as("runs stored without settings").isEqualTo("2 0");
        assertThat(ofA.table(4).probability(io.dgas.calc.drummond.Signal.Type.LONG, 0.95))
                .satisfies(p -> {
                    assertThat(p.rate()).isEqualTo(0.75);
                    assertThat(p.scope()).isEqualTo("settings");
                });
        assertThat(ofA.table(5).probability(io.dgas.calc.drummond.Signal.Type.LONG, 0.95))
                .satisfies(p -> {
                    assertThat(p.rate()).as("4 of its own: every setting's 10").isEqualTo(0.5);
                    assertThat(p.scope()).isEqualTo("all");
                });
    }

    /** "wins losses" of the long decile-9 cell of {@code counts} (the only one these signals fill). */
    private static String cell(List<SignalOutcomes.DecileCount> counts) {
        return counts.stream()
                .filter(c -> c.type().equals("long") && c.decile() == 9)
                .map(c -> c.wins() + " " + c.losses())
                .findFirst()
                .orElse("none");
    }
}
