package io.dgas.app.cli;

import io.dgas.app.AppContext;
import io.dgas.app.config.DgasConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: access to the root's options, configuration, context and output. */
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    public DgasCommand root() {
        return (DgasCommand) spec.root().userObject();
    }

    public DgasConfig config() {
        return root().config();
    }

    public AppContext context() {
        return root().context();
    }

    public Output out() {
        return root().output();
    }
}
