package io.dgas.store.ingest;

import io.dgas.store.SqlSession;
import java.util.Collection;

/**
 * The order in which a bars load takes its locks, so that concurrent loads wait for each other and never in a cycle:
 * first its tickers' advisory locks ({@link #tickers}), then its new symbols' rows ({@link Symbols#create}, in ticker
 * order), then its month partitions (creating one takes an ACCESS EXCLUSIVE lock on {@code bars}), and only then does
 * it read or write {@code bars}.
 *
 * <p>Design notes: loads of overlapping tickers, direct COPY or staged upsert alike, so run one at a time; loads of
 * other tickers run beside them. Each step waits only for holders of a later step's locks, which never wait for an
 * earlier step's: a load holding a read lock on {@code bars} has created its partitions already, so two loads never
 * both hold a read lock on {@code bars} while each waits for the other's to create a partition, and a load waiting for
 * a partition holds no symbol row or ticker lock that a load holding {@code bars} needs. Before this order four
 * writers of the same new tickers could deadlock in each of five attempts ({@code ConcurrentIngestFaultIT}): a direct
 * load read {@code bars} and then waited for another's uncommitted symbols, whose load waited to create a partition.
 */
final class LoadLocks {
    /** First key of the transaction advisory locks a load takes per ticker ('dgas' in ASCII). */
    private static final int LOCK_CLASS = 0x64676173;

    /**
     * Ticker locks are taken per bucket of ticker hashes: a file of thousands of tickers then holds at most this many
     * advisory locks (each a slot of the server's shared lock table, {@code max_locks_per_transaction} per
     * connection), at the cost of loads of different tickers in one bucket waiting for each other.
     */
    static final int BUCKETS = 256;

    private LoadLocks() {}

    /**
     * Waits until no other transaction is loading any of {@code tickers}, and holds them until this transaction ends,
     * one advisory lock per bucket of ticker hashes ({@value #BUCKETS} buckets) in bucket order (so two loads never wait
     * for each other in a cycle); taken again by the same transaction it is held once more, without waiting.
     */
    static void tickers(SqlSession s, Collection<String> tickers) {
        String[] t = tickers.toArray(String[]::new);
        // PostgreSQL evaluates the volatile lock calls after the sort, so they are taken in hash order
        s.query(
                "ingest.bars.lock-tickers",
                "SELECT pg_advisory_xact_lock(?, h) FROM (SELECT DISTINCT hashtext(t) & ? AS h FROM"
                        + " unnest(?::text[]) AS t) AS buckets ORDER BY h",
                ps -> {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setInt(2, BUCKETS - 1);
                    ps.setArray(3, ps.getConnection().createArrayOf("text", t));
                },
                rs -> Boolean.TRUE);
    }
}
