package io.branchlink.channel.terminal.internal;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.math.BigDecimal;

/** Amounts as terminals send them: a decimal and a currency code. */
public final class TerminalMoney {

    private TerminalMoney() {
    }

    /** The amount, or an {@link Irc#INVALID_AMOUNT} refusal when it has more decimals than the currency. */
    public static Money parse(BigDecimal amount, String currency) {
        try {
            return Money.of(amount, currency);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(Irc.INVALID_AMOUNT, "The amount is not valid in " + currency + ".");
        }
    }
}
