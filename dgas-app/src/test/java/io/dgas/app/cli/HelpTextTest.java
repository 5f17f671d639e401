package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTextTest {
    @Test
    void usage_everyCommand_rendersWithoutPicocliWarnings() {
        List<String> helps = new ArrayList<>();
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream err = System.err;
        // picocli reports a description it cannot format on System.err, then prints it raw: "10% of" read as "% o"
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            collect(new CommandLine(new DgasCommand()), helps);
        } finally {
            System.setErr(err);
        }

        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(helps).hasSizeGreaterThan(40);
        assertThat(String.join("\n", helps)).contains("10% of the capital").contains("95 % interval");
    }

    private static void collect(CommandLine cmd, List<String> helps) {
        helps.add(cmd.getUsageMessage());
        cmd.getSubcommands().values().forEach(sub -> collect(sub, helps));
    }

    @Test
    void usage_everyOptionAndParameter_hasADescription() {
        List<String> bare = new ArrayList<>();
        undescribed(new CommandLine(new DgasCommand()), bare);

        // alerts rules add --name printed as "--name=<name>" with nothing beside it
        assertThat(bare).isEmpty();
    }

    private static void undescribed(CommandLine cmd, List<String> bare) {
        CommandLine.Model.CommandSpec spec = cmd.getCommandSpec();
        spec.options().stream()
                .filter(o -> !o.hidden() && String.join("", o.description()).isBlank())
                .forEach(o -> bare.add(spec.qualifiedName() + " " + o.longestName()));
        spec.positionalParameters().stream()
                .filter(p -> !p.hidden() && String.join("", p.description()).isBlank())
                .forEach(p -> bare.add(spec.qualifiedName() + " " + p.paramLabel()));
        cmd.getSubcommands().values().stream()
                .filter(sub -> sub.getCommandSpec().parent() == spec)
                .forEach(sub -> undescribed(sub, bare));
    }
}
