package io.dgas.app.cli;

import io.dgas.app.AppContext;
import io.dgas.app.config.DgasConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: access to the root's options, configuration, context and output. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    DgasCommand root() {
        return (DgasCommand) spec.root().userObject();
    }

    DgasConfig config() {
        return root().config();
    }

    AppContext context() {
        return root().context();
    }

    Output out() {
        return root().output();
    }
}
