package io.dgas.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SymbolAssignmentTest {
    private static List<String> universe(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("SYN%04d", i));
        }
        return out;
    }

    @Test
    void assign_threeInstances_everySymbolOnceAndRoughlyEvenShares() {
        Map<String, List<String>> a = SymbolAssignment.assign(universe(3000), List.of("c:3", "a:1", "b:2"));

        assertThat(a.keySet()).containsExactly("a:1", "b:2", "c:3");
        assertThat(a.values().stream().mapToInt(List::size).sum()).isEqualTo(3000);
        // each of three gets a third, give or take 10 % of it (binomial sd is about 26 symbols)
        assertThat(a.values()).allSatisfy(l -> assertThat(l.size()).isBetween(900, 1100));
        assertThat(a.get("a:1")).isSorted();
    }

    @Test
    void assign_instanceLeaves_onlyItsSymbolsMove() {
        List<String> symbols = universe(2000);
        Map<String, List<String>> before = SymbolAssignment.assign(symbols, List.of("a", "b", "c"));
        Map<String, List<String>> after = SymbolAssignment.assign(symbols, List.of("a", "b"));

        assertThat(after.get("a")).containsAll(before.get("a"));
        assertThat(after.get("b")).containsAll(before.get("b"));
        assertThat(after.get("a").size() + after.get("b").size()).isEqualTo(2000);
    }

    @Test
    void assign_instanceJoins_takesSymbolsOnlyFromOthersAndNoneMoveBetweenThem() {
        List<String> symbols = universe(2000);
        Map<String, List<String>> before = SymbolAssignment.assign(symbols, List.of("a", "b"));
        Map<String, List<String>> after = SymbolAssignment.assign(symbols, List.of("a", "b", "c"));

        assertThat(before.get("a")).containsAll(after.get("a"));
        assertThat(before.get("b")).containsAll(after.get("b"));
        assertThat(after.get("c").size()).isBetween(550, 780);
        assertThat(SymbolAssignment.assign(symbols, List.of("b", "c", "a"))).isEqualTo(after);
    }
}
