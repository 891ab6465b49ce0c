package io.branchlink.channel.transfer.internal;

import io.branchlink.protocol.money.Money;
import java.util.Optional;

/**
 * The customer's limits on paying others: one transfer at most {@code perTransaction}, one day's transfers at most
 * {@code daily}. Transfers between the customer's own accounts are not limited.
 *
 * @see TransferLimitsTests
 */
record TransferLimits(Money perTransaction, Money daily) {

    /**
     * Why a transfer of {@code amount} is over a limit when {@code spentToday} went to others already today, or
     * empty when it is within both.
     */
    Optional<String> exceeded(Money amount, Money spentToday) {
        if (amount.minorUnits() > perTransaction.minorUnits()) {
            return Optional.of("A single transfer is limited to " + perTransaction + ".");
        }
        if (Math.addExact(spentToday.minorUnits(), amount.minorUnits()) > daily.minorUnits()) {
            Money left = daily.minorUnits() > spentToday.minorUnits() ? daily.minus(spentToday)
                    : Money.ofMinor(0, daily.currencyCode());
            return Optional.of("This would pass the daily transfer limit of " + daily + "; " + left
                    + " is left today.");
        }
        return Optional.empty();
    }
}
