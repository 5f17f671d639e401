package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.ledger.Execution;
import io.dgas.ledger.Money;
import io.dgas.ledger.Position;
import io.dgas.ledger.Side;
import io.dgas.store.ledger.StoredPosition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionsCommandTest {
    @Test
    void print_positionWithExits_pricesWithFourDecimalsAndAmountsGrouped() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        Position p = Position.flat("SYN0020")
                .apply(new Execution(
                        "e1", "SYN0020", Side.BUY, BigDecimal.valueOf(24), 202.4298, Money.ZERO, Money.ZERO, at));
        StringWriter text = new StringWriter();
        Output out = new Output(new PrintWriter(text, true), new PrintWriter(new StringWriter()), false, false);

        PositionsCommand.print(
                out, List.of(new StoredPosition(p, 200.64004984274018, 210.84007404627081, at, 204.238)));

        // the exit levels printed every digit of their doubles; (204.238 − 202.4298) × 24 = 43.3968
        assertThat(text.toString())
                .containsPattern(
                        "SYN0020\\s+24\\s+202\\.4298\\s+204\\.2380\\s+43\\.40\\s+0\\.00\\s+0\\.00\\s+200\\.6400\\s+210\\.8401")
                .doesNotContain("200.64004984274018");
    }

    @Test
    void print_noPosition_saysNoneUnderTheHeaders() {
        StringWriter text = new StringWriter();
        Output out = new Output(new PrintWriter(text, true), new PrintWriter(new StringWriter()), false, false);

        PositionsCommand.print(out, List.of());

        // the headers alone before, as if the rows had failed to print
        assertThat(text.toString().lines().toList()).hasSize(3).last().isEqualTo("(none)");
    }
}
