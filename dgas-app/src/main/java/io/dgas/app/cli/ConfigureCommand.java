package io.dgas.app.cli;

import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.EffectiveConfig;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code dgas configure show|verify}. */
@Command(
        name = "configure",
        description = "Show or verify the configuration.",
        subcommands = {ConfigureCommand.Show.class, ConfigureCommand.Verify.class})
final class ConfigureCommand {

    @Command(name = "show", description = "Print the effective configuration and where each value came from.")
    static final class Show extends BaseCommand {
        @Override
        public Integer call() {
            DgasConfig c = config();
            Map<String, Object> model = EffectiveConfig.of(c);
            @SuppressWarnings("unchecked")
            List<Map<String, String>> rows = (List<Map<String, String>>) model.get("settings");
            out().result(model, () -> {
                out().line("home: " + c.home() + "   file: "
                        + c.file().map(Object::toString).orElse("(none)"));
                out().table(
                                List.of("key", "value", "source"),
                                rows.stream()
                                        .map(r -> List.of(r.get("key"), r.get("value"), r.get("source")))
                                        .toList());
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", description = "Validate the configuration; exit 0 when valid, 2 when not.")
    static final class Verify extends BaseCommand {
        @Override
        public Integer call() {
            DgasConfig c = config();
            String where = c.file().map(Object::toString).orElse("defaults and environment (no file)");
            out().result(
                            Map.of("valid", true, "file", where, "warnings", c.warnings()),
                            () -> out().line("configuration valid: " + where
                                    + (c.warnings().isEmpty()
                                            ? ""
                                            : " (" + c.warnings().size() + " warning(s))")));
            return ExitCodes.OK;
        }
    }
}
