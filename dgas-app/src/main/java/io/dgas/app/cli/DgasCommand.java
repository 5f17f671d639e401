package io.dgas.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dgas.app.AppContext;
import io.dgas.app.cli.bench.BenchmarkCommand;
import io.dgas.app.cli.db.DbCommand;
import io.dgas.app.cli.db.DbOptimizerCommand;
import io.dgas.app.cli.ingest.AggregateCommand;
import io.dgas.app.cli.ingest.DataCommand;
import io.dgas.app.cli.ingest.IngestCommand;
import io.dgas.app.cli.monitor.MonitorCommand;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.ConfigLoader;
import io.dgas.app.config.DgasConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code dgas} command: global options, the subcommands, and the mapping of failures to exit codes. */
@Command(
        name = "dgas",
        mixinStandardHelpOptions = true,
        // every subcommand answers --help (the usage errors point there)
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Market data and Drummond Geometry analysis on a fast, observable PostgreSQL data layer.",
        subcommands = {
            StatusCommand.class,
            DbCommand.class,
            ConfigureCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            MonitorCommand.class,
            CacheCommand.class,
            DiagnoseCommand.class,
            DbOptimizerCommand.class,
            AnalyzeCommand.class,
            CycleCommand.class,
            SignalsCommand.class,
            AlertsCommand.class,
            SchedulerCommand.class,
            IngestCommand.class,
            DataCommand.class,
            AggregateCommand.class,
            BenchmarkCommand.class,
            BacktestCommand.class,
            JobsCommand.class,
            PortfolioCommand.class,
            SessionCommand.class,
            OrdersCommand.class,
            PositionsCommand.class,
            RiskCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DgasCommand implements Runnable {
    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            description = "configuration file (default ./dgas.yaml, " + "then $DGAS_HOME/dgas.yaml)")
    Path configFile;

    @Option(names = "--db-url", scope = ScopeType.INHERIT, description = "JDBC URL of an external PostgreSQL")
    String dbUrl;

    @Option(
            names = "--profile",
            scope = ScopeType.INHERIT,
            description = "default, low_resource, high_throughput, low_latency or max_accuracy")
    String profile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "machine-readable output")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "debug logging and stack traces")
    boolean verbose;

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "only results and errors")
    boolean quiet;

    private Map<String, String> env = Map.of();
    private PrintWriter out;
    private PrintWriter err;
    private AppContext context;
    private DgasConfig config;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command; try 'dgas --help'");
    }

    /** Runs the command line and returns the exit code; never throws. */
    public static int run(String[] args, Map<String, String> env) {
        return run(args, env, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        DgasCommand root = new DgasCommand();
        root.env = env;
        root.out = out;
        root.err = err;
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        NumberConverters.register(cli);
        cli.setExecutionExceptionHandler((e, line, parsed) -> root.fail(e));
        cli.setParameterExceptionHandler((e, a) -> root.usageError(e, a));
        cli.setExecutionStrategy(DgasCommand::refuseUnmatchedThenRun);
        try {
            return cli.execute(args);
        } finally {
            root.closeContext();
        }
    }

    /**
     * Runs the command unless an argument was left unmatched: picocli lets those through when {@code --help} is given
     * too, so {@code dgas db retention --help} printed the help of {@code db} and exit 0, as if the subcommand existed.
     */
    private static int refuseUnmatchedThenRun(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (!last.unmatched().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(last.commandSpec().commandLine(), last.unmatched());
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** A command line picocli cannot parse: exit 2, the message and where to get help (or the JSON error). */
    private int usageError(CommandLine.ParameterException e, String[] args) {
        // --json may come after the bad argument, where picocli stopped parsing
        Output o = output(Arrays.asList(args).contains("--json"));
        o.error(ErrorReport.of(e, ExitCodes.BAD_INPUT));
        if (!o.json()) {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
        }
        return ExitCodes.BAD_INPUT;
    }

    /**
     * A failure while running: one line (bad input says all in its message), or the JSON error with {@code --json};
     * the stack trace with {@code -v}, and for an internal error also without it unless the output is JSON.
     */
    private int fail(Exception e) {
        int code = ExitCodes.of(e);
        Output o = output();
        o.error(ErrorReport.of(e, code));
        if (verbose || (code == ExitCodes.INTERNAL && !o.json())) {
            e.printStackTrace(err);
        } else if (code != ExitCodes.BAD_INPUT && !o.json()) {
            err.println("(run with -v for details)");
        }
        err.flush();
        return code;
    }

    /** The effective configuration, loaded and validated on first call. */
    DgasConfig config() {
        if (config == null) {
            configureLogging();
            Map<String, String> flags = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            if (dbUrl != null) {
                flags.put(ConfigKeys.DB_URL, dbUrl);
                names.put(ConfigKeys.DB_URL, "--db-url");
            }
            if (profile != null) {
                flags.put(ConfigKeys.PROFILE, profile);
                names.put(ConfigKeys.PROFILE, "--profile");
            }
            config = new ConfigLoader(env, Path.of("").toAbsolutePath()).load(configFile, flags, names);
            Output o = output();
            config.warnings().forEach(o::warn);
        }
        return config;
    }

    /** The application context, built on first call. */
    AppContext context() {
        if (context == null) {
            context = new AppContext(config(), Clock.systemUTC());
        }
        return context;
    }

    Output output() {
        return output(false);
    }

    /** The output, in JSON when {@code --json} was given or {@code forceJson}. */
    Output output(boolean forceJson) {
        return new Output(out, err, json || forceJson, quiet);
    }

    private void configureLogging() {
        Logger dgas = (Logger) LoggerFactory.getLogger("io.dgas");
        dgas.setLevel(verbose ? Level.DEBUG : quiet ? Level.WARN : Level.INFO);
        if (verbose) {
            ((Logger) LoggerFactory.getLogger("com.zaxxer.hikari")).setLevel(Level.WARN);
        }
    }

    private void closeContext() {
        if (context != null) {
            context.close();
        }
    }
}
