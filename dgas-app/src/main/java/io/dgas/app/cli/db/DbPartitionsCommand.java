package io.dgas.app.cli.db;

import io.dgas.app.cli.*;
import io.dgas.store.partition.PartitionInfo;
import io.dgas.store.partition.Partitions;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code dgas db partitions}: every partition with its range, rows, size and newest row. */
@Command(name = "partitions", description = "List partitions: parent, name, range, rows, size, newest row.")
public final class DbPartitionsCommand extends BaseCommand {
    @picocli.CommandLine.Option(
            names = "--apply-retention",
            description = "detach and drop (or archive, retention.mode) partitions older than retention.*_days")
    boolean applyRetention;

    @Override
    public Integer call() {
        if (applyRetention) {
            return DbRetention.apply(this);
        }
        List<PartitionInfo> parts = Partitions.list(context().database());
        out().result(
                        parts,
                        () -> out().table(
                                        List.of("parent", "partition", "range", "rows", "size", "newest"),
                                        parts.stream()
                                                .map(p -> List.of(
                                                        p.parent(),
                                                        p.name(),
                                                        p.range(),
                                                        Long.toString(p.rows()),
                                                        Output.size(p.bytes()),
                                                        p.newest() == null
                                                                ? ""
                                                                : p.newest().toString()))
                                                .toList()));
        return ExitCodes.OK;
    }
}
