package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgas db-optimizer …}, {@code db refresh-views} and {@code db partitions --apply-retention} end to end. */
class DbOptimizerCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @TempDir
    Path home;

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void seed() throws SQLException {
        sql(
                "CREATE TABLE opt_t (id int, grp int)",
                "INSERT INTO opt_t SELECT g, g % 100 FROM generate_series(1, 5000) g",
                "CREATE INDEX opt_unused_idx ON opt_t (grp)",
                "CREATE INDEX opt_dup_idx ON opt_t (id)",
                "CREATE INDEX opt_wide_idx ON opt_t (id, grp)");
    }

    private Run run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("DGAS_HOME", home.toString());
        env.put("DGAS_DATABASE_URL", PG.jdbcUrl());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    private static void sql(String... statements) throws SQLException {
        try (Connection c = PG.connect();
                Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static String one(String query) throws SQLException {
        try (Connection c = PG.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void unusedIndexes_replicas_unusedOnlyWhenUnusedOnEveryReplicaAndAReplicaNotAskedKeepsThemAll() throws Exception {
        // the primary serves as its own replica: its scans are the primary's, so the planted index stays unused
        String[] args = {"--json", "db-optimizer", "unused-indexes", "--min-size", "0"};
        Run answering = run(Map.of("DGAS_DATABASE_REPLICAS", PG.jdbcUrl()), args);
        Run oneDown = run(
                Map.of("DGAS_DATABASE_REPLICAS", PG.jdbcUrl() + ",jdbc:postgresql://127.0.0.1:1/none?user=x"), args);

        assertThat(answering.code()).as(answering.err()).isZero();
        JsonNode one = new ObjectMapper().readTree(answering.out());
        assertThat(one.get("replicas_checked").asInt()).isEqualTo(1);
        assertThat(one.get("indexes").findValuesAsText("name")).contains("opt_unused_idx");
        assertThat(oneDown.code()).as(oneDown.err()).isZero();
        JsonNode two = new ObjectMapper().readTree(oneDown.out());
        assertThat(two.get("replicas_checked").asInt()).isEqualTo(2);
        assertThat(two.get("indexes"))
                .as("a replica not asked may use any index")
                .isEmpty();
        assertThat(oneDown.err()).contains("replica").contains("not checked");
    }

    @Test
    void reports_plantedIndexes_areListedInTablesAndJson() throws Exception {
        Run unused = run("db-optimizer", "unused-indexes", "--min-size", "0");
        Run dups = run("db-optimizer", "duplicate-indexes", "--json");
        Run stats = run("db-optimizer", "index-stats");

        assertThat(unused.code()).as(unused.err()).isZero();
        assertThat(unused.out()).contains("opt_unused_idx");
        JsonNode d = new ObjectMapper().readTree(dups.out());
        assertThat(d.get(0).at("/index/name").asText()).isEqualTo("opt_dup_idx");
        assertThat(d.get(0).at("/covered_by/name").asText()).isEqualTo("opt_wide_idx");
        assertThat(stats.out()).contains("opt_wide_idx", "tuples read");
        for (String report : new String[] {
            "table-sizes",
            "analyze-needs",
            "bloat",
            "wraparound",
            "sequences",
            "pool-stats",
            "invalid-indexes",
            "slow-queries",
            "suggest-indexes"
        }) {
            Run r = run("db-optimizer", report, "--json");
            assertThat(r.code()).as(report + ": " + r.err()).isZero();
            new ObjectMapper().readTree(r.out());
        }
    }

    @Test
    void tableReports_throughTheOptimizerService_renderTheirTablesAndModels() throws Exception {
        sql("ANALYZE opt_t");
        Run sizes = run("db-optimizer", "table-sizes");
        Run needs = run("db-optimizer", "analyze-needs");
        Run bloat = run("db-optimizer", "bloat");
        Run age = run("db-optimizer", "wraparound");
        Run seqs = run("db-optimizer", "sequences");
        Run slow = run("db-optimizer", "slow-queries", "--json", "--min-calls", "1", "--min-mean", "0");

        Run check = run("db-optimizer", "check");
        Run none = run("db-optimizer", "suggest-indexes", "--min-savings", "0.99");

        assertThat(sizes.out()).contains("table", "indexes", "toast", "growth", "opt_t");
        // the margin ungrouped (2147483233), and a header-only table when nothing was suggested
        assertThat(check.out()).containsPattern("fewest transactions left before wraparound: 2,1\\d\\d,\\d{3},\\d{3}");
        assertThat(none.out())
                .contains("no index would cut the cost of the heaviest statements by 99 % or more")
                .doesNotContain("cost before");
        assertThat(needs.out()).contains("dead %", "last autoanalyze", "opt_t");
        assertThat(bloat.out()).contains("expected pages", "opt_t");
        assertThat(age.out()).contains("xid age", "transactions left", "opt_t");
        assertThat(seqs.out()).contains("last value", "symbols_id_seq", "symbols.id");
        JsonNode model = new ObjectMapper().readTree(slow.out());
        assertThat(model.fieldNames()).toIterable().containsExactly("pg_stat_statements", "statements");
        assertThat(model.get("statements").isArray()).isTrue();
        for (Run r : List.of(sizes, needs, bloat, age, seqs, slow)) {
            assertThat(r.code()).as(r.err()).isZero();
        }
    }

    @Test
    void vacuum_withoutApply_printsAndChangesNothing_withApplyRuns() throws Exception {
        Run dry = run("db-optimizer", "vacuum", "--table", "opt_t");
        sql("SELECT pg_stat_force_next_flush()");
        String before = one("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'opt_t'");

        Run apply = run("db-optimizer", "vacuum", "--table", "opt_t", "--apply");
        Run bad = run("db-optimizer", "analyze", "--table", "opt_t; DROP TABLE symbols", "--apply");

        assertThat(dry.out()).contains("would run: VACUUM (ANALYZE, VERBOSE false) \"public\".\"opt_t\"");
        assertThat(before).isNull();
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("ran: VACUUM");
        assertThat(one("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'opt_t'"))
                .isEqualTo("t");
        assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("no table");
    }

    @Test
    void addIndexes_missingDeclaredIndex_dryRunThenApply() throws Exception {
        sql("DROP INDEX signals_created_idx");

        Run dry = run("db-optimizer", "add-indexes");
        String afterDry = one("SELECT to_regclass('signals_created_idx')");
        Run apply = run("db-optimizer", "add-indexes", "--apply");

        assertThat(dry.out())
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"signals_created_idx\"")
                .contains("dry run");
        assertThat(afterDry).isNull();
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(one("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('signals_created_idx')"))
                .isEqualTo("t");
    }

    @Test
    void check_nearlyFullSequence_isCriticalAndExitsOne() throws Exception {
        sql("CREATE TABLE opt_seq (id smallserial PRIMARY KEY)", "SELECT setval('opt_seq_id_seq', 32767)");

        Run r = run("db-optimizer", "check", "--json");
        Run text = run("db-optimizer", "check");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILURE);
        // the words of the JSON, diagnose and the database page (the table said red/yellow/green)
        assertThat(text.out()).containsPattern("sequences +critical ").contains("overall: critical");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("overall").asText()).isEqualTo("critical");
        assertThat(json.get("checks")).anySatisfy(c -> {
            assertThat(c.get("name").asText()).isEqualTo("sequences");
            // one spelling in one document: the overall verdict was lower case, each check's upper case
            assertThat(c.get("verdict").asText()).isEqualTo("critical");
        });
        sql("DROP TABLE opt_seq");
    }

    @Test
    void dbCommands_refreshViewsAndRetention_run() throws Exception {
        sql("SELECT dgas_create_month_partition('ticks', '2001-01-01')");

        Run views = run("db", "refresh-views");
        Run none = run("db", "partitions", "--apply-retention");
        Run kept = run(Map.of("DGAS_RETENTION_TICKS_DAYS", "365"), "db", "partitions", "--apply-retention");

        assertThat(views.code()).as(views.err()).isZero();
        assertThat(views.out()).contains("daily_bar_rollups", "concurrently");
        assertThat(none.out()).contains("no retention configured");
        assertThat(kept.code()).as(kept.err()).isZero();
        assertThat(kept.out()).contains("ticks_y2001m01", "dropped");
        assertThat(one("SELECT to_regclass('ticks_y2001m01')")).isNull();
    }

    @Test
    void suggestThenAddSuggested_frequentLookupWithoutIndex_isSuggestedAndBuiltWithApply() throws Exception {
        sql(
                "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                "CREATE TABLE opt_s (id int, k int)",
                "INSERT INTO opt_s SELECT g, g % 2000 FROM generate_series(1, 20000) g",
                "ANALYZE opt_s");
        try (Connection c = PG.connect();
                var ps = c.prepareStatement("SELECT id FROM opt_s WHERE k = ?")) {
            for (int i = 0; i < 120; i++) {
                ps.setInt(1, i);
                ps.executeQuery().close();
            }
        }

        Run slow = run("db-optimizer", "slow-queries", "--min-mean", "0", "--json");
        Run suggest = run("db-optimizer", "suggest-indexes", "--json");
        Run dry = run("db-optimizer", "add-indexes", "--suggested");
        String afterDry = one("SELECT to_regclass('opt_s_k_idx')");
        Run apply = run("db-optimizer", "add-indexes", "--suggested", "--apply");

        assertThat(new ObjectMapper().readTree(slow.out()).get("statements"))
                .anySatisfy(q -> assertThat(q.get("query").asText()).contains("FROM opt_s WHERE k = $1"));
        JsonNode advice = new ObjectMapper().readTree(suggest.out());
        assertThat(advice.get("method").asText()).isEqualTo("heuristic");
        assertThat(advice.at("/suggestions/0/name").asText()).isEqualTo("opt_s_k_idx");
        assertThat(advice.at("/suggestions/0/after_cost").asDouble())
                .isLessThan(advice.at("/suggestions/0/before_cost").asDouble() / 2);
        assertThat(dry.out()).contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS \"opt_s_k_idx\"", "(suggested)");
        assertThat(afterDry).isNull();
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(one("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('opt_s_k_idx')"))
                .isEqualTo("t");
    }

    @Test
    void liveQueriesAndCancel_aSleepingClient_listedThenCancelledOnlyWithApply() throws Exception {
        try (io.dgas.testkit.BusyClient busy = io.dgas.testkit.BusyClient.sleeping(PG.jdbcUrl(), 60)) {
            String pid = Integer.toString(busy.pid());
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            Run live = run("db-optimizer", "live-queries");
            while (!live.out().contains("pg_sleep(60)") && System.nanoTime() < deadline) {
                live = run("db-optimizer", "live-queries");
            }
            Run dry = run("db-optimizer", "cancel", pid);

            assertThat(live.out()).containsPattern(pid + "\\s+[0-9.]+\\s+active\\s+");
            assertThat(dry.code()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("would cancel the statement of " + pid + ": SELECT pg_sleep(60)", "--apply");
            assertThat(busy.outcome()).as("a dry run stops nothing").isNotDone();

            Run apply = run("db-optimizer", "cancel", pid, "--apply");
            Run unknown = run("db-optimizer", "cancel", "999999", "--apply");

            assertThat(apply.code()).as(apply.err()).isZero();
            assertThat(apply.out()).contains("cancel sent to " + pid);
            java.sql.SQLException ended = busy.outcome().get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ended == null ? "ran to its end" : ended.getSQLState())
                    .isEqualTo(io.dgas.testkit.BusyClient.CANCELLED);
            assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(unknown.err()).contains("no client of this database at work with pid 999999");
        }
    }

    @Test
    void settings_theServersValues_judgedWithTheStatementsToApplyAndNothingChanged() throws Exception {
        String sharedBefore = one("SHOW shared_buffers");
        String autoConf = "SELECT count(*) FROM pg_file_settings WHERE sourcefile LIKE '%postgresql.auto.conf'";
        String altered = one(autoConf);

        Run text = run("db-optimizer", "settings");
        Run json = run("--json", "db-optimizer", "settings");

        assertThat(text.code()).as(text.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(json.out());
        // the test server runs on this machine: its memory is this machine's, and the memory settings are judged
        assertThat(s.get("server_memory_bytes").asLong()).isPositive();
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode a : s.get("advice")) {
            names.add(a.get("name").asText());
            if (!a.get("suggested").isNull()) {
                assertThat(a.get("statement").asText())
                        .isEqualTo("ALTER SYSTEM SET " + a.get("name").asText() + " = '"
                                + a.get("suggested").asText() + "'");
                assertThat(text.out()).contains(a.get("statement").asText() + ";");
            }
            if (a.get("name").asText().equals("shared_buffers")) {
                assertThat(a.get("current").asText()).isEqualTo(sharedBefore);
                assertThat(a.get("restart").asBoolean()).isTrue();
            }
        }
        assertThat(names).contains("shared_buffers", "work_mem", "random_page_cost", "fsync", "synchronous_commit");
        assertThat(text.out()).contains("server memory ").containsPattern("shared_buffers\\s+" + sharedBefore);
        assertThat(one(autoConf)).as("nothing applied").isEqualTo(altered);
    }

    @Test
    void connections_aClientOfItsOwnApplication_countedUnderItsNameAgainstTheLimit() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(PG.jdbcUrl() + "&ApplicationName=conn-test-app")) {
            Run text = run("db-optimizer", "connections");
            Run json = run("--json", "db-optimizer", "connections");

            assertThat(text.code()).as(text.err()).isZero();
            assertThat(text.out()).containsPattern("client connections of max_connections [0-9]+");
            JsonNode j = new ObjectMapper().readTree(json.out());
            long mine = 0;
            for (JsonNode g : j.get("groups")) {
                if (g.get("application").asText().equals("conn-test-app")) {
                    mine += g.get("count").asLong();
                }
            }
            assertThat(mine).isOne();
            assertThat(j.get("total").asLong()).isLessThanOrEqualTo(j.get("max").asLong());
            assertThat(text.out()).contains("conn-test-app");
        }
    }

    @Test
    void explain_aStatementOfPgStatStatementsOrSql_itsPlanNothingRun() throws Exception {
        // a table of its own: the other tests judge opt_t's indexes by their scans
        sql(
                "CREATE EXTENSION IF NOT EXISTS pg_stat_statements",
                "CREATE TABLE opt_plan (id int, grp int)",
                "INSERT INTO opt_plan SELECT g, g % 10 FROM generate_series(1, 100) g",
                "SELECT count(*) FROM opt_plan WHERE grp = 7");
        String queryid = one("SELECT queryid FROM pg_stat_statements WHERE query LIKE 'SELECT count(*) FROM opt_plan"
                + " WHERE grp = $1%' AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                + " LIMIT 1");

        Run slow = run("db-optimizer", "slow-queries", "--min-calls", "1", "--min-mean", "0");
        Run byId = run("db-optimizer", "explain", queryid);
        Run bySql = run("--json", "db-optimizer", "explain", "--sql", "DELETE FROM opt_plan WHERE id < 10;");
        Run both = run("db-optimizer", "explain", queryid, "--sql", "SELECT 1");
        Run unknown = run("db-optimizer", "explain", "12345");
        Run two = run("db-optimizer", "explain", "--sql", "SELECT 1; DROP TABLE opt_plan");

        assertThat(slow.out()).as("the id explain takes, printed first").containsPattern("(?m)^" + queryid + "\\s");
        assertThat(byId.code()).as(byId.err()).isZero();
        assertThat(byId.out())
                .contains("SELECT count(*) FROM opt_plan WHERE grp = $1  (generic plan: its parameters unknown)")
                .contains("Aggregate");
        assertThat(bySql.code()).as(bySql.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(bySql.out());
        assertThat(plan.get("generic").asBoolean()).isFalse();
        assertThat(plan.get("lines").toString()).contains("Delete on");
        assertThat(one("SELECT count(*) FROM opt_plan")).as("planned, not run").isEqualTo("100");
        assertThat(both.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("no statement 12345 in pg_stat_statements");
        assertThat(two.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(two.err()).contains("one statement only");
        assertThat(one("SELECT to_regclass('opt_plan') IS NOT NULL")).isEqualTo("t");
    }
}
