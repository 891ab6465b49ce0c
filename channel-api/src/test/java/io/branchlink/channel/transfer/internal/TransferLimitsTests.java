package io.branchlink.channel.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.money.Money;
import org.junit.jupiter.api.Test;

class TransferLimitsTests {

    private final TransferLimits limits = new TransferLimits(cny(50_000_00), cny(200_000_00));

    @Test
    void allowsUpToThePerTransactionLimitExactly() {
        assertThat(limits.exceeded(cny(50_000_00), cny(0))).isEmpty();
    }

    @Test
    void refusesOneFenOverThePerTransactionLimit() {
        assertThat(limits.exceeded(cny(50_000_01), cny(0))).hasValue("A single transfer is limited to 50000.00 CNY.");
    }

    @Test
    void allowsFillingTheDailyLimitExactly() {
        assertThat(limits.exceeded(cny(50_000_00), cny(150_000_00))).isEmpty();
    }

    @Test
    void refusesPassingTheDailyLimitAndSaysWhatIsLeft() {
        assertThat(limits.exceeded(cny(10_000_00), cny(195_000_00)))
                .hasValue("This would pass the daily transfer limit of 200000.00 CNY; 5000.00 CNY is left today.");
    }

    @Test
    void saysNothingIsLeftWhenTheDayIsSpentAlready() {
        assertThat(limits.exceeded(cny(1), cny(200_000_00))).hasValueSatisfying(reason ->
                assertThat(reason).endsWith("0.00 CNY is left today."));
    }

    private static Money cny(long minor) {
        return Money.ofMinor(minor, "CNY");
    }
}
