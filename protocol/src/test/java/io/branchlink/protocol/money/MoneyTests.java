package io.branchlink.protocol.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTests {

    @Test
    void parsesDecimalsIntoMinorUnits() {
        assertThat(Money.parse("500", "CNY").minorUnits()).isEqualTo(50_000);
        assertThat(Money.parse("0.01", "CNY").minorUnits()).isEqualTo(1);
        assertThat(Money.parse("100", "JPY").minorUnits()).isEqualTo(100);
    }

    @Test
    void refusesMoreDecimalPlacesThanTheCurrencyHasInsteadOfRounding() {
        assertThatThrownBy(() -> Money.parse("1.005", "CNY")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.parse("1.500", "CNY").minorUnits()).isEqualTo(150);
    }

    @Test
    void refusesAnExponentOrOverlongTextBeforeConvertingIt() {
        assertThatThrownBy(() -> Money.parse("1e999999999", "CNY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("5E+2", "CNY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse("1".repeat(19), "CNY")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.parse(" 5", "CNY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesADecimalWhoseExponentWouldMakeItExpensiveWithoutExpandingIt() {
        // Expanding either of these (toPlainString, setScale) takes minutes and gigabytes; refusing them takes nothing.
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e999999999"), "CNY"))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e-999999999"), "CNY"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e17"), "CNY")).isInstanceOf(ArithmeticException.class);
        assertThat(Money.of(new BigDecimal("5E+2"), "CNY")).isEqualTo(Money.ofMinor(50_000, "CNY"));
    }

    @Test
    void printsWithTheCurrencysDecimals() {
        assertThat(Money.ofMinor(123_456, "CNY")).hasToString("1234.56 CNY");
        assertThat(Money.ofMinor(5, "CNY").toDecimal().toPlainString()).isEqualTo("0.05");
    }

    @Test
    void addsAndSubtractsOnlyInOneCurrency() {
        Money a = Money.ofMinor(1_000, "CNY");

        assertThat(a.plus(Money.ofMinor(500, "CNY"))).isEqualTo(Money.ofMinor(1_500, "CNY"));
        assertThat(a.minus(Money.ofMinor(1_500, "CNY")).minorUnits()).isEqualTo(-500);
        assertThatThrownBy(() -> a.plus(Money.ofMinor(1, "USD"))).isInstanceOf(IllegalArgumentException.class);
    }
}
