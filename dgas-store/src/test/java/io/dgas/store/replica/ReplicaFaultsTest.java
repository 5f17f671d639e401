package io.dgas.store.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.UnableToConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ReplicaFaultsTest {
    private static RuntimeException wrapped(String sqlState) {
        return new IllegalStateException("statement failed", new SQLException("server said no", sqlState));
    }

    @Test
    void classify_connectionShutdownOrResources_takesTheReplicaOut() {
        assertThat(ReplicaFaults.classify(wrapped("08006"))).isEqualTo(ReplicaFaults.Kind.DOWN);
        assertThat(ReplicaFaults.classify(wrapped("57P01"))).isEqualTo(ReplicaFaults.Kind.DOWN);
        assertThat(ReplicaFaults.classify(wrapped("53300"))).isEqualTo(ReplicaFaults.Kind.DOWN);
        assertThat(ReplicaFaults.classify(new UnableToConnectException("no connection in time", null)))
                .isEqualTo(ReplicaFaults.Kind.DOWN);
    }

    @Test
    void classify_recoveryConflictOrWriteInReadOnly_movesOnlyThisRead() {
        assertThat(ReplicaFaults.classify(wrapped("40001"))).isEqualTo(ReplicaFaults.Kind.RETRY);
        assertThat(ReplicaFaults.classify(wrapped("25006"))).isEqualTo(ReplicaFaults.Kind.RETRY);
    }

    @Test
    void classify_failureThePrimaryWouldGiveToo_isTheCallers() {
        assertThat(ReplicaFaults.classify(wrapped("42601"))).isEqualTo(ReplicaFaults.Kind.CALLER);
        assertThat(ReplicaFaults.classify(wrapped("22003"))).isEqualTo(ReplicaFaults.Kind.CALLER);
        assertThat(ReplicaFaults.classify(new IllegalArgumentException("bad"))).isEqualTo(ReplicaFaults.Kind.CALLER);
        assertThat(ReplicaFaults.classify(new UnableToConnectException("x", wrapped("42P01"))))
                .as("the SQLSTATE decides when there is one")
                .isEqualTo(ReplicaFaults.Kind.CALLER);
    }
}
