package io.dgas.store.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Duplicate, unused and replica-merge rules on catalog rows built by hand. */
class IndexCatalogTest {
    private static IndexInfo index(String name, boolean unique, long scans, String... columns) {
        List<Integer> options = List.of(columns).stream().map(c -> 0).toList();
        return new IndexInfo(
                "t",
                name,
                "btree",
                List.of(columns),
                options,
                null,
                unique,
                false,
                true,
                unique,
                scans,
                0,
                1 << 20,
                "");
    }

    @Test
    void duplicates_prefixOfAnother_isReportedButNotTheWiderOne() {
        IndexInfo a = index("a_idx", false, 0, "x");
        IndexInfo ab = index("ab_idx", false, 0, "x", "y");

        assertThat(IndexCatalog.duplicates(List.of(a, ab))).containsExactly(new IndexCatalog.DuplicateIndex(a, ab));
    }

    @Test
    void duplicates_uniquePrefix_isKeptBecauseItEnforcesAConstraint() {
        IndexInfo a = index("a_key", true, 0, "x");
        IndexInfo ab = index("ab_idx", false, 0, "x", "y");

        assertThat(IndexCatalog.duplicates(List.of(a, ab))).isEmpty();
    }

    @Test
    void duplicates_identicalTwins_reportOnlyOne_andPlainOneLosesToUnique() {
        IndexInfo p = index("p_idx", false, 0, "x");
        IndexInfo q = index("q_idx", false, 0, "x");
        IndexInfo u = index("u_key", true, 0, "x");

        assertThat(IndexCatalog.duplicates(List.of(p, q)))
                .extracting(d -> d.index().name())
                .containsExactly("q_idx");
        assertThat(IndexCatalog.duplicates(List.of(p, u)))
                .extracting(d -> d.index().name())
                .containsExactly("p_idx");
    }

    @Test
    void duplicates_differentSortOrder_isNotADuplicate() {
        IndexInfo asc = index("asc_idx", false, 0, "x");
        IndexInfo desc = new IndexInfo(
                "t",
                "desc_idx",
                "btree",
                List.of("x", "y"),
                List.of(3, 0),
                null,
                false,
                false,
                true,
                false,
                0,
                0,
                1,
                "");

        assertThat(IndexCatalog.duplicates(List.of(asc, desc))).isEmpty();
    }

    @Test
    void unused_scannedUniqueOrSmall_areLeftOut() {
        IndexInfo used = index("used_idx", false, 5, "x");
        IndexInfo unique = index("u_key", true, 0, "x");
        IndexInfo idle = index("idle_idx", false, 0, "y");

        assertThat(IndexCatalog.unused(List.of(used, unique, idle), 0)).containsExactly(idle);
        assertThat(IndexCatalog.unused(List.of(idle), 2L << 20)).isEmpty();
    }

    @Test
    void onEveryServer_indexScannedOnAReplicaOrUnknownThere_isNotUnused() {
        IndexInfo a = index("a_idx", false, 0, "x");
        IndexInfo b = index("b_idx", false, 0, "y");
        IndexInfo c = index("c_idx", false, 0, "z");
        Map<String, Long> replica1 = Map.of("t.a_idx", 0L, "t.b_idx", 12L, "t.c_idx", 0L);
        Map<String, Long> replica2 = Map.of("t.a_idx", 0L, "t.b_idx", 0L);

        assertThat(UnusedIndexes.onEveryServer(List.of(a, b, c), List.of(replica1, replica2)))
                .containsExactly(a);
        assertThat(UnusedIndexes.onEveryServer(List.of(a), java.util.Arrays.asList(replica1, null)))
                .as("a replica that could not be asked proves nothing")
                .isEmpty();
        assertThat(UnusedIndexes.onEveryServer(List.of(a, b), List.of())).containsExactly(a, b);
    }
}
