package io.dgas.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExecutionTest {
    private static Execution exec(String quantity, double price, String commission) {
        return new Execution(
                "e",
                "A",
                Side.SELL,
                new BigDecimal(quantity),
                price,
                new BigDecimal(commission),
                BigDecimal.ZERO,
                Instant.EPOCH);
    }

    @Test
    void notional_sell_isNegativeQuantityTimesDecimalPrice() {
        Execution e = exec("3", 100.1, "0");
        assertThat(e.signedQuantity()).isEqualByComparingTo("-3");
        // 100.1 enters as the decimal 100.1, not its binary expansion: the product is exact.
        assertThat(e.notional()).isEqualTo(new BigDecimal("-300.30000000"));
    }

    @Test
    void constructor_sameContentDifferentScales_isEqual() {
        assertThat(exec("2", 5, "1")).isEqualTo(exec("2.000", 5, "1.00"));
    }

    @Test
    void constructor_quantityWithNineDecimals_isRejectedNotRounded() {
        assertThatThrownBy(() -> exec("0.000000001", 5, "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decimals");
    }

    @Test
    void constructor_badValues_areRejected() {
        assertThatThrownBy(() -> exec("0", 5, "0")).hasMessageContaining("quantity must be > 0");
        assertThatThrownBy(() -> exec("1", Double.NaN, "0")).hasMessageContaining("price");
        assertThatThrownBy(() -> exec("1", -2, "0")).hasMessageContaining("price");
        assertThatThrownBy(() -> exec("1", 5, "-0.01")).hasMessageContaining("commission must be >= 0");
    }

    @Test
    void cents_halfCent_roundsToEven() {
        assertThat(Money.cents(new BigDecimal("2.125"))).isEqualTo(new BigDecimal("2.12"));
        assertThat(Money.cents(new BigDecimal("2.135"))).isEqualTo(new BigDecimal("2.14"));
    }
}
