package io.dgas.app.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The portfolio a command reads: {@code ID} as {@code dgas portfolio show ID} takes it, or {@code --portfolio ID} as
 * these commands took it alone (both still work; a second, different id is refused).
 */
final class PortfolioId {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "portfolio id (or --portfolio ID)")
    Long positional;

    @Option(names = "--portfolio", paramLabel = "ID", description = "portfolio id (or ID)")
    Long option;

    long value() {
        if (positional == null && option == null) {
            throw new BadArgumentException("--portfolio", null, "missing the portfolio id: give ID or --portfolio ID");
        }
        if (positional != null && option != null && !positional.equals(option)) {
            throw new BadArgumentException(
                    "--portfolio", "" + option, "two portfolio ids: " + positional + " and --portfolio " + option);
        }
        return positional != null ? positional : option;
    }
}
