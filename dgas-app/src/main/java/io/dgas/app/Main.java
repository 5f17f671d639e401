package io.dgas.app;

import io.dgas.app.cli.DgasCommand;

/** Entry point of the {@code dgas} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(DgasCommand.run(args, System.getenv()));
    }
}
