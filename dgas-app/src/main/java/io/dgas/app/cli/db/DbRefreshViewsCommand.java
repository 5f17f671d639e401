package io.dgas.app.cli.db;

import io.dgas.app.cli.*;
import io.dgas.app.service.ViewsService;
import io.dgas.store.optimizer.MaterializedViews;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code dgas db refresh-views}: refreshes the registered materialized views (CONCURRENTLY when populated). */
@Command(
        name = "refresh-views",
        description = "Refresh the registered materialized views (REFRESH MATERIALIZED VIEW CONCURRENTLY).")
public final class DbRefreshViewsCommand extends BaseCommand {
    @Override
    public Integer call() {
        List<MaterializedViews.Refreshed> done =
                new ViewsService(context().database(), context().invalidation()).refreshAll();
        out().result(
                        done,
                        () -> out().table(
                                        List.of("view", "refresh", "ms"),
                                        done.stream()
                                                .map(r -> List.of(r.view(), r.how(), Long.toString(r.millis())))
                                                .toList()));
        return ExitCodes.OK;
    }
}
