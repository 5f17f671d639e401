package io.dgas.store.partition;

import java.time.Instant;

/**
 * One partition.
 *
 * @param parent the partitioned table
 * @param name the partition
 * @param range {@code [from, to)} as the server prints the bounds
 * @param rows exact row count (including soft-deleted rows: they occupy the partition)
 * @param bytes total size on disk including indexes and TOAST
 * @param newest the newest row's {@code ts}, or null when empty
 */
public record PartitionInfo(String parent, String name, String range, long rows, long bytes, Instant newest) {}
