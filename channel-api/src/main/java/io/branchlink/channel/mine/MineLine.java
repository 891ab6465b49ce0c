package io.branchlink.channel.mine;

import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One asset or liability of the customer in the "Mine" view.
 *
 * @param kind      whether the customer owns it or owes it
 * @param product   what it is
 * @param reference a masked reference (an account or card number with all but the last four digits hidden)
 * @param name      a display name
 * @param balance   what the customer owns (an asset) or owes (a liability), not negative for either
 * @param rate      the annual rate in percent, {@code null} when the product has none or it is not known
 * @param dueDate   the next due or maturity date, {@code null} when there is none
 * @param gain      the unrealised gain (a loss is negative) of a fund or wealth holding, {@code null} otherwise
 */
public record MineLine(Kind kind, Product product, String reference, String name, Money balance, BigDecimal rate,
        LocalDate dueDate, Money gain) {

    public MineLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(balance, "balance");
        if (balance.minorUnits() < 0) {
            throw new IllegalArgumentException("a line's balance is what is owned or owed, never negative");
        }
        if (gain != null && !gain.currencyCode().equals(balance.currencyCode())) {
            throw new IllegalArgumentException("a line's gain is in the currency of its balance");
        }
    }

    public static MineLine asset(Product product, String reference, String name, Money balance) {
        return new MineLine(Kind.ASSET, product, reference, name, balance, null, null, null);
    }

    public static MineLine liability(Product product, String reference, String name, Money balance) {
        return new MineLine(Kind.LIABILITY, product, reference, name, balance, null, null, null);
    }

    public MineLine withRate(BigDecimal annualPercent) {
        return new MineLine(kind, product, reference, name, balance, annualPercent, dueDate, gain);
    }

    public MineLine withDueDate(LocalDate date) {
        return new MineLine(kind, product, reference, name, balance, rate, date, gain);
    }

    public MineLine withGain(Money unrealised) {
        return new MineLine(kind, product, reference, name, balance, rate, dueDate, unrealised);
    }

    public String currency() {
        return balance.currencyCode();
    }

    /** Owned or owed. */
    public enum Kind {
        ASSET, LIABILITY
    }

    /** The product families of the bank's mobile channel (MISSION.md, "Mine"). */
    public enum Product {
        CURRENT, TIME_DEPOSIT, WEALTH, FUND, CARD, LOAN
    }
}
