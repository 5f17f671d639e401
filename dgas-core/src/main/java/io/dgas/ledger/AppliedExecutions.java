package io.dgas.ledger;

import java.util.HashMap;
import java.util.Map;

/**
 * The executions already applied, by id: what makes applying one twice a no-op. The same id with other content is
 * refused, because a broker id names one fill and a silent choice between two versions would hide a data error.
 */
final class AppliedExecutions {
    private final Map<String, Execution> byId = new HashMap<>();

    /**
     * Records {@code e}; {@code false} when it was applied before.
     *
     * @throws IllegalArgumentException when its id was applied with different content
     */
    boolean firstTime(Execution e) {
        Execution before = byId.putIfAbsent(e.id(), e);
        if (before == null) {
            return true;
        }
        if (!before.equals(e)) {
            throw new IllegalArgumentException(
                    "execution id " + e.id() + " was applied with different content: " + before + " vs " + e);
        }
        return false;
    }

    int size() {
        return byId.size();
    }
}
