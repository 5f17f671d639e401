package io.dgas.app.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = DgasCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "dgas " + (v == null ? "dev" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
