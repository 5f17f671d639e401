package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.ledger.PaperRules;
import io.dgas.ledger.Sizing;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PaperRulesOptionsTest {
    @Test
    void rules_sizingAndCommission_parsed() {
        PaperRules r = BacktestCommand.rules("fixed_cash:5000", 5, "per_share=0.01,percent=0.1,min=1");

        assertThat(r.sizing()).isEqualTo(Sizing.FIXED_CASH);
        assertThat(r.sizingValue()).isEqualByComparingTo("5000");
        assertThat(r.commissionPerShare()).isEqualByComparingTo(new BigDecimal("0.01"));
        assertThat(r.commissionPercent()).isEqualTo(0.1);
        assertThat(r.commissionMinimum()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void rules_notANumber_usageErrorNamesOptionFieldAndValue() {
        // was Java's "Character a is neither a decimal digit number, decimal point, nor "e" notation exponential mark."
        assertThatThrownBy(() -> BacktestCommand.rules("percent_equity:10", 5, "per_share=abc"))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("--commission: per_share must be a number, got 'abc'");
        assertThatThrownBy(() -> BacktestCommand.rules("percent_equity:x", 5, "min=0"))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("--sizing: percent_equity must be a number, got 'x'");
        assertThatThrownBy(() -> BacktestCommand.rules("percent:5", 5, "min=0"))
                .isInstanceOf(BadArgumentException.class)
                .hasMessageStartingWith("--sizing: unknown sizing 'percent': accepted ");
    }

    @Test
    void rules_outOfRange_usageErrorNamesTheOption() {
        assertThatThrownBy(() -> BacktestCommand.rules("percent_equity:10", -5, "min=0"))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("--slippage-bps must be at least 0 and below 10000 (basis points), got -5.0");
        assertThatThrownBy(() -> BacktestCommand.rules("percent_equity:10", 5, "percent=100"))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("--commission: percent must be >= 0 and below 100, got '100'");
        assertThatThrownBy(() -> BacktestCommand.rules("percent_equity:150", 5, "min=0"))
                .isInstanceOf(BadArgumentException.class)
                .hasMessage("--sizing: sizing value of percent_equity must be above 0 and at most 100, was 150");
    }
}
