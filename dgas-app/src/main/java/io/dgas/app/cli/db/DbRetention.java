package io.dgas.app.cli.db;

import io.dgas.app.cli.*;
import io.dgas.store.partition.PartitionMaintenance;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code dgas db partitions --apply-retention}: the retention step of the maintenance job, on demand. */
public final class DbRetention {
    private DbRetention() {}

    static int apply(BaseCommand cmd) {
        Map<String, Duration> retention = io.dgas.app.config.RetentionSettings.retention(cmd.config());
        PartitionMaintenance.Mode mode = io.dgas.app.config.RetentionSettings.mode(cmd.config());
        List<PartitionMaintenance.Expired> done = retention.isEmpty()
                ? List.of()
                : new PartitionMaintenance(cmd.context().database())
                        .applyRetention(cmd.context().clock().instant(), retention, mode);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put(
                "retention_days",
                retention.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().toDays())));
        model.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
        model.put("partitions", done);
        cmd.out().result(model, () -> {
            if (retention.isEmpty()) {
                cmd.out()
                        .line("no retention configured (retention.bars_days, retention.ticks_days,"
                                + " retention.alert_logs_days); nothing removed");
                return;
            }
            cmd.out()
                    .table(
                            List.of("parent", "partition", "upper bound", "action"),
                            done.stream()
                                    .map(e -> List.of(
                                            e.parent(),
                                            e.partition(),
                                            e.upperBound().toString(),
                                            e.action()))
                                    .toList());
            cmd.out()
                    .line(done.size() + " partition(s) past retention " + model.get("mode")
                            + (mode == PartitionMaintenance.Mode.ARCHIVE ? "d" : "ped"));
        });
        return ExitCodes.OK;
    }
}
