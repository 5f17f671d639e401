package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Candidate generation, coverage by existing indexes, selectivity and the heuristic cost estimate. */
class IndexCandidatesTest {
    private static final TableStats T = new TableStats(
            "t",
            100_000,
            1_000,
            List.of("t"),
            Map.of(
                    "status", new TableStats.Column("status", 0.0, 3.0, 8, 0.9),
                    "account", new TableStats.Column("account", 0.0, 5_000.0, 8, 0.001),
                    "ts", new TableStats.Column("ts", 0.0, -1.0, 8, null),
                    "note", new TableStats.Column("note", 0.5, -0.5, 20, null)));

    private static final Map<String, Double> COSTS = Map.of(
            "random_page_cost",
            4.0,
            "cpu_index_tuple_cost",
            0.005,
            "cpu_tuple_cost",
            0.01,
            "cpu_operator_cost",
            0.0025);

    private static IndexCandidates.Uses uses(List<String> eq, List<String> range, List<String> order) {
        IndexCandidates.Uses u = new IndexCandidates.Uses();
        u.equality.addAll(eq);
        u.range.addAll(range);
        u.order.addAll(order);
        return u;
    }

    @Test
    void equalitySelectivity_followsPlannerRules() {
        assertThat(T.equalitySelectivity("account")).isEqualTo(1.0 / 5_000);
        assertThat(T.equalitySelectivity("status"))
                .as("1/3, below the top value's 0.9")
                .isEqualTo(1.0 / 3);
        assertThat(T.equalitySelectivity("note")).as("(1 - 0.5) / (0.5 × rows)").isEqualTo(0.5 / 50_000);
        assertThat(T.equalitySelectivity("missing")).isEqualTo(TableStats.DEFAULT_EQ_SEL);
    }

    @Test
    void build_equalityThenRange_mostSelectiveEqualityFirst() {
        List<IndexCandidates.Candidate> c =
                IndexCandidates.build(T, uses(List.of("status", "account"), List.of("ts"), List.of()), List.of());

        assertThat(c)
                .extracting(IndexCandidates.Candidate::columns)
                .containsExactly(
                        List.of("account"),
                        List.of("status"),
                        List.of("ts"),
                        List.of("account", "status"),
                        List.of("account", "ts"),
                        List.of("status", "ts"));
    }

    @Test
    void build_existingIndexStartingWithTheColumns_coversTheCandidate() {
        IndexInfo existing = new IndexInfo(
                "t",
                "t_account_ts_idx",
                "btree",
                List.of("account", "ts"),
                List.of(0, 0),
                null,
                false,
                false,
                true,
                false,
                0,
                0,
                0,
                "");

        List<IndexCandidates.Candidate> c =
                IndexCandidates.build(T, uses(List.of("account"), List.of("ts"), List.of()), List.of(existing));

        assertThat(c).extracting(IndexCandidates.Candidate::columns).containsExactly(List.of("ts"));
    }

    @Test
    void estimateAfter_selectiveEqualityReplacingSeqScan_cutsMostOfTheCost() {
        IndexCandidates.Uses u = uses(List.of("account"), List.of(), List.of());
        double before = 2_300;

        double after = IndexCandidates.estimateAfter(
                new IndexCandidates.Candidate("t", List.of("account")), T, u, before, 2_250, COSTS);
        double noScan = IndexCandidates.estimateAfter(
                new IndexCandidates.Candidate("t", List.of("account")), T, u, before, 0, COSTS);

        assertThat(after).isLessThan(before * 0.2);
        assertThat(noScan).as("nothing to replace").isEqualTo(before);
    }

    @Test
    void name_longNames_stayWithinPostgresLimit() {
        String n = IndexCandidates.name(new IndexCandidates.Candidate("a".repeat(40), List.of("b".repeat(30))));

        assertThat(n).hasSizeLessThanOrEqualTo(63).endsWith("_idx");
    }
}
