package io.dgas.app.cli;

import io.dgas.store.ledger.StoredPosition;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dgas positions}: a portfolio's positions with unrealized P&L at the latest close. */
@Command(name = "positions", description = "A portfolio's positions, marked at the latest close.")
final class PositionsCommand extends BaseCommand {
    @Mixin
    PortfolioOptions target;

    @Override
    public Integer call() {
        List<StoredPosition> all = PortfolioCommand.service(this).positions(target.portfolio(), target.markTimeframe());
        out().result(all, () -> print(out(), all));
        return ExitCodes.OK;
    }

    static void print(Output o, List<StoredPosition> positions) {
        o.table(
                List.of("symbol", "qty", "avg cost", "mark", "unrealized", "realized", "costs", "stop", "target"),
                positions.stream()
                        .map(sp -> {
                            var p = sp.position();
                            String unreal =
                                    sp.mark() == null || p.isFlat() ? "-" : Output.money(p.unrealizedPnl(sp.mark()));
                            return List.of(
                                    p.symbol(),
                                    p.quantity().stripTrailingZeros().toPlainString(),
                                    p.averagePrice()
                                            .setScale(4, java.math.RoundingMode.HALF_EVEN)
                                            .toPlainString(),
                                    price(sp.mark()),
                                    unreal,
                                    Output.money(p.realizedPnl()),
                                    Output.money(p.costs()),
                                    // the exit levels printed every digit of the double (200.64004984274018)
                                    price(sp.exitStop()),
                                    price(sp.exitTarget()));
                        })
                        .toList());
    }

    /** A market price with four decimals, as the average cost; "-" when there is none. */
    private static String price(Double p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.4f", p);
    }
}
