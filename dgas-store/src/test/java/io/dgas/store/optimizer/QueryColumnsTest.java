package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.optimizer.QueryColumns.Ref;
import io.dgas.store.optimizer.QueryColumns.Use;
import org.junit.jupiter.api.Test;

class QueryColumnsTest {
    @Test
    void parse_joinWithAliasesWhereAndOrderBy_findsTablesAndColumnUses() {
        QueryColumns.Parsed p = QueryColumns.parse("/* dgas:x */ SELECT s.id, b.close FROM bars b"
                + " JOIN symbols AS s ON s.id = b.symbol_id WHERE b.timeframe = $1 AND b.ts >= $2"
                + " AND s.status IN ($3, $4) ORDER BY b.ts DESC LIMIT $5");

        assertThat(p.tables()).containsEntry("b", "bars").containsEntry("s", "symbols");
        assertThat(p.refs())
                .contains(
                        new Ref("s", "id", Use.EQUALITY),
                        new Ref("b", "symbol_id", Use.EQUALITY),
                        new Ref("b", "timeframe", Use.EQUALITY),
                        new Ref("b", "ts", Use.RANGE),
                        new Ref("s", "status", Use.EQUALITY),
                        new Ref("b", "ts", Use.ORDER));
    }

    @Test
    void parse_literalOnTheLeftAndQuotedIdentifiers_areHandled() {
        QueryColumns.Parsed p = QueryColumns.parse("SELECT * FROM \"Odd Table\" t WHERE $1 < t.\"Mixed\""
                + " AND name LIKE 'a''b%' AND created_at::date = $2");

        assertThat(p.tables()).containsEntry("t", "Odd Table");
        assertThat(p.refs()).containsExactly(new Ref("t", "Mixed", Use.RANGE), new Ref(null, "name", Use.RANGE));
    }

    @Test
    void parse_functionCallsAndSelectList_areNotColumnUses() {
        QueryColumns.Parsed p = QueryColumns.parse("SELECT count(*), max(ts) FROM ticks WHERE lower(x) = $1");

        assertThat(p.tables()).containsOnlyKeys("ticks");
        assertThat(p.refs()).isEmpty();
    }

    @Test
    void isSelect_writesAndLockingReads_areNotPlanned() {
        assertThat(PlanCost.isSelect("/* dgas:a */ SELECT 1")).isTrue();
        assertThat(PlanCost.isSelect("WITH x AS (SELECT 1) SELECT * FROM x")).isTrue();
        assertThat(PlanCost.isSelect("UPDATE t SET a = $1")).isFalse();
        assertThat(PlanCost.isSelect("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"))
                .isFalse();
        assertThat(PlanCost.isSelect("SELECT * FROM t FOR UPDATE")).isFalse();
    }
}
