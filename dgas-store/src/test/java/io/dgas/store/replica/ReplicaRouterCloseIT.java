package io.dgas.store.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.testkit.PostgresExtension;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing a router while it checks a replica: the interrupted check says nothing of the replica. Every short CLI
 * command closes its router, often during the first check, and each then reported its replica as down.
 */
class ReplicaRouterCloseIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    @Test
    void close_duringACheck_leavesTheReplicaUnjudged() throws Exception {
        // a peer that accepts the connection and never answers: the check waits in the replica's connection set-up
        try (ServerSocket silent = new ServerSocket(0)) {
            CompletableFuture<Socket> reached = CompletableFuture.supplyAsync(() -> {
                try {
                    return silent.accept();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Database primary = Database.open(settings(PG.jdbcUrl(), 30), StatementObserver.NONE);
            Database replica = Database.open(
                    settings("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/x?user=x", 5),
                    StatementObserver.NONE);
            ReplicaRouter router = ReplicaRouter.start(
                    primary, List.of(replica), Duration.ofSeconds(10), Duration.ofHours(1), Clock.systemUTC(), null);
            try (Socket checking = reached.get(30, TimeUnit.SECONDS)) {
                router.close();

                ReplicaStatus s = router.status().get(0);
                assertThat(s.state()).isEqualTo(ReplicaStatus.State.STARTING);
                assertThat(s.reason()).isEqualTo("not checked yet");
            } finally {
                primary.close();
            }
        }
    }

    private static DatabaseSettings settings(String url, int acquireSeconds) {
        return new DatabaseSettings(
                url, null, null, 1, 0, Duration.ofSeconds(acquireSeconds), Duration.ofMinutes(30), true);
    }
}
