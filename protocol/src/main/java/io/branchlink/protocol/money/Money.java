package io.branchlink.protocol.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in a currency's minor units (fen for CNY), so that no arithmetic ever rounds.
 *
 * @see io.branchlink.protocol.money.MoneyTests
 */
public record Money(long minorUnits, Currency currency) {

    /** At most this many digits before and after the decimal point: {@code long} minor units hold 18. */
    static final int MAX_DIGITS = 18;
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]{1,18}(\\.[0-9]{1,18})?");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency without minor units: " + currency);
        }
    }

    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    /**
     * Parses a plain decimal amount such as {@code "500.00"}: digits with an optional sign and fraction, no exponent,
     * checked before any conversion so that no text can make it expensive. More fraction digits than the currency
     * has is an error, never a rounding.
     *
     * @throws IllegalArgumentException when the text is not a plain decimal or has too many fraction digits
     * @throws ArithmeticException when the amount does not fit in minor units
     */
    public static Money parse(String decimal, String currencyCode) {
        if (decimal == null || !PLAIN_DECIMAL.matcher(decimal).matches()) {
            throw new IllegalArgumentException("not a plain decimal amount of at most " + MAX_DIGITS
                    + " digits on each side of the point");
        }
        return of(new BigDecimal(decimal), currencyCode);
    }

    /**
     * Converts a decimal amount, refusing one whose size alone would make conversion expensive (such as
     * {@code 1E+999999999}) before doing anything with it; more fraction digits than the currency has is an error,
     * never a rounding.
     *
     * @throws IllegalArgumentException when the amount has too many fraction digits
     * @throws ArithmeticException when the amount does not fit in minor units
     */
    public static Money of(BigDecimal value, String currencyCode) {
        Currency currency = Currency.getInstance(currencyCode);
        int digits = currency.getDefaultFractionDigits();
        // precision() and scale() cost nothing whatever the exponent; everything below works on a bounded number.
        if ((long) value.precision() - value.scale() > MAX_DIGITS) {
            throw new ArithmeticException("amount too large");
        }
        if (value.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("too many decimal places for " + currencyCode);
        }
        if (value.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("too many decimal places for " + currencyCode + ": "
                    + value.toPlainString());
        }
        return new Money(value.movePointRight(digits).longValueExact(), currency);
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits());
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.getCurrencyCode();
    }
}
