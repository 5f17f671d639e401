package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Catalog reports on a database with planted duplicate, unused and invalid indexes and a nearly full sequence. */
class IndexReportsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;

    @BeforeAll
    static void seed() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        Seed.predictionRuns(db);
        Seed.exec(
                db,
                "CREATE INDEX planted_prefix_idx ON prediction_runs (status)",
                "CREATE INDEX planted_wide_idx ON prediction_runs (status, started_at)",
                "CREATE INDEX planted_unused_idx ON prediction_runs (symbols_requested)",
                "CREATE TABLE planted_seq (id serial PRIMARY KEY, v int)",
                "SELECT setval('planted_seq_id_seq', 2000000000)",
                "CREATE TABLE planted_bloat (id int, pad text)",
                "INSERT INTO planted_bloat SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g",
                "DELETE FROM planted_bloat WHERE id > 2000",
                "ANALYZE planted_bloat");
        try {
            Seed.exec(db, "CREATE INDEX CONCURRENTLY planted_bad_idx ON prediction_runs ((1 / (symbols_failed - 4)))");
        } catch (RuntimeException expected) {
            // division by zero on rows with symbols_failed = 4: the failed concurrent build leaves an invalid index
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void duplicates_prefixIndex_isReportedAsCoveredByTheWiderOne() {
        List<IndexCatalog.DuplicateIndex> dups = new IndexCatalog(db).duplicates();

        assertThat(dups)
                .anySatisfy(d -> {
                    assertThat(d.index().name()).isEqualTo("planted_prefix_idx");
                    assertThat(d.coveredBy().name()).isEqualTo("planted_wide_idx");
                })
                .noneSatisfy(d -> assertThat(d.index().name()).isEqualTo("planted_wide_idx"))
                .noneSatisfy(d -> assertThat(d.index().unique()).isTrue());
    }

    @Test
    void unused_minSizeZero_findsPlantedIndexButNeverUniqueOrPrimary() {
        List<IndexInfo> unused = new IndexCatalog(db).unused(0);

        assertThat(unused).extracting(IndexInfo::name).contains("planted_unused_idx");
        assertThat(unused)
                .noneSatisfy(i -> assertThat(i.unique() || i.primary()).isTrue());
        assertThat(unused).extracting(IndexInfo::name).doesNotContain("planted_bad_idx");
    }

    @Test
    void unused_defaultTenMegabytes_skipsSmallIndexes() {
        assertThat(new IndexCatalog(db).unused(10L << 20))
                .extracting(IndexInfo::name)
                .doesNotContain("planted_unused_idx");
    }

    @Test
    void invalid_failedConcurrentBuild_isReported() {
        assertThat(new IndexCatalog(db).invalid()).extracting(IndexInfo::name).containsExactly("planted_bad_idx");
    }

    @Test
    void indexStats_listsPartitionedIndexesOnceWithTheirTable() {
        List<IndexInfo> all = new IndexCatalog(db).all();

        assertThat(all).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("bars_timeframe_ts_idx");
            assertThat(i.table()).isEqualTo("bars");
            assertThat(i.columns()).containsExactly("timeframe", "ts");
        });
        assertThat(all).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("planted_unused_idx");
            assertThat(i.bytes()).isPositive();
        });
    }

    @Test
    void sequences_serialNearIntegerMax_isNinetyPercentUsed() {
        List<TableReports.SequenceUsage> seqs = new TableReports(db).sequences();

        assertThat(seqs.get(0).sequence()).isEqualTo("planted_seq_id_seq");
        assertThat(seqs.get(0).column()).isEqualTo("id");
        assertThat(seqs.get(0).maxValue()).isEqualTo(Integer.MAX_VALUE);
        assertThat(seqs.get(0).used()).isGreaterThan(0.9);
    }

    @Test
    void wraparound_everyTableHasAgeAndMargin() {
        List<TableReports.TableAge> ages = new TableReports(db).wraparound();

        assertThat(ages).extracting(TableReports.TableAge::table).contains("prediction_runs", "symbols");
        assertThat(ages).allSatisfy(a -> assertThat(a.transactionsLeft()).isGreaterThan(1_500_000_000L));
    }

    @Test
    void bloat_tableWithMostRowsDeleted_showsWastedBytes() {
        assertThat(new TableReports(db).bloat()).anySatisfy(b -> {
            assertThat(b.table()).isEqualTo("planted_bloat");
            assertThat(b.wastedBytes()).isGreaterThan(1_000_000L);
            assertThat(b.analysed()).isTrue();
        });
    }

    @Test
    void tableSizes_snapshotThenGrowth_reportsTheDifference() {
        TableReports reports = new TableReports(db);
        assertThat(reports.snapshotSizes(java.time.Instant.now().minusSeconds(60)))
                .isPositive();
        Seed.exec(db, "INSERT INTO planted_seq (v) SELECT g FROM generate_series(1, 5000) g", "ANALYZE planted_seq");

        List<TableReports.TableSize> sizes = reports.sizes();

        assertThat(sizes).anySatisfy(t -> {
            assertThat(t.table()).isEqualTo("planted_seq");
            assertThat(t.growthBytes()).isPositive();
            assertThat(t.growthRows()).isEqualTo(5000);
        });
        assertThat(sizes).anySatisfy(t -> {
            assertThat(t.table()).isEqualTo("bars");
            assertThat(t.kind()).isEqualTo("partitioned");
        });
        assertThat(sizes).extracting(TableReports.TableSize::table).doesNotContain("bars_y2024m01");
    }

    @Test
    void tableSizes_neverAnalysedTable_countsItsLiveRows() {
        Seed.exec(
                db,
                "CREATE TABLE planted_unanalysed (id int) WITH (autovacuum_enabled = off)",
                "INSERT INTO planted_unanalysed SELECT generate_series(1, 3000)",
                "SELECT pg_stat_force_next_flush()");

        // reltuples is −1 until the first vacuum or analyse, which read as 0 rows
        assertThat(new TableReports(db).sizes()).anySatisfy(t -> {
            assertThat(t.table()).isEqualTo("planted_unanalysed");
            assertThat(t.rowEstimate()).isEqualTo(3000);
        });
    }

    @Test
    void analyzeNeeds_freshlyInsertedUnanalysedTable_needsAnalyze() {
        Seed.exec(
                db,
                "CREATE TABLE planted_fresh (id int)",
                "INSERT INTO planted_fresh SELECT generate_series(1, 5000)",
                "SELECT pg_stat_force_next_flush()");

        assertThat(new TableReports(db).maintenance()).anySatisfy(t -> {
            assertThat(t.table()).isEqualTo("planted_fresh");
            assertThat(t.needsAnalyze()).isTrue();
            assertThat(t.lastAnalyze()).isNull();
        });
    }

    @Test
    void declaredIndexSet_freshlyMigratedSchema_hasEveryDeclaredIndex() {
        assertThat(new IndexBuilder(db).plan(IndexSpec.DECLARED))
                .extracting(IndexBuilder.Step::reason)
                .containsOnly("invalid");
    }
}
