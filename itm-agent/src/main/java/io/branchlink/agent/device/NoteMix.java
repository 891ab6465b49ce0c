package io.branchlink.agent.device;

import io.branchlink.protocol.money.Money;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A bundle of notes of one currency as counts per denomination (in minor units), largest denomination first: what
 * a dispenser picks, a stacker holds or an acceptor counts.
 *
 * @see io.branchlink.agent.device.NoteMixTests
 */
public record NoteMix(Currency currency, Map<Long, Integer> notes) {

    public NoteMix {
        Objects.requireNonNull(currency, "currency");
        TreeMap<Long, Integer> sorted = new TreeMap<>(Comparator.reverseOrder());
        Objects.requireNonNull(notes, "notes").forEach((denomination, count) -> {
            if (denomination <= 0 || count < 0) {
                throw new IllegalArgumentException("denominations must be positive and counts not negative");
            }
            if (count > 0) {
                sorted.merge(denomination, count, Integer::sum);
            }
        });
        notes = Collections.unmodifiableMap(sorted);
    }

    public static NoteMix empty(Currency currency) {
        return new NoteMix(currency, Map.of());
    }

    public static NoteMix of(Currency currency, Map<Long, Integer> notes) {
        return new NoteMix(currency, notes);
    }

    /** One note count per denomination, in the currency's major units, e.g. {@code of("CNY", 100, 2, 50, 1)}. */
    public static NoteMix ofMajor(String currencyCode, int... denominationAndCount) {
        Currency currency = Currency.getInstance(currencyCode);
        long scale = (long) Math.pow(10, currency.getDefaultFractionDigits());
        TreeMap<Long, Integer> notes = new TreeMap<>();
        for (int i = 0; i + 1 < denominationAndCount.length; i += 2) {
            notes.merge(denominationAndCount[i] * scale, denominationAndCount[i + 1], Integer::sum);
        }
        return new NoteMix(currency, notes);
    }

    public Money total() {
        long sum = 0;
        for (Map.Entry<Long, Integer> e : notes.entrySet()) {
            sum = Math.addExact(sum, Math.multiplyExact(e.getKey(), (long) e.getValue()));
        }
        return new Money(sum, currency);
    }

    public int noteCount() {
        return notes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(long denomination) {
        return notes.getOrDefault(denomination, 0);
    }

    public boolean isEmpty() {
        return notes.isEmpty();
    }

    public NoteMix plus(NoteMix other) {
        requireSameCurrency(other);
        TreeMap<Long, Integer> sum = new TreeMap<>(notes);
        other.notes.forEach((d, c) -> sum.merge(d, c, Integer::sum));
        return new NoteMix(currency, sum);
    }

    /** These notes less {@code other}'s; fails if {@code other} has a note this mix does not. */
    public NoteMix minus(NoteMix other) {
        requireSameCurrency(other);
        TreeMap<Long, Integer> rest = new TreeMap<>(notes);
        other.notes.forEach((d, c) -> {
            int left = rest.getOrDefault(d, 0) - c;
            if (left < 0) {
                throw new IllegalArgumentException("cannot take " + c + " notes of " + d + " from " + this);
            }
            rest.put(d, left);
        });
        return new NoteMix(currency, rest);
    }

    private void requireSameCurrency(NoteMix other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(currency.getCurrencyCode()).append('{');
        notes.forEach((d, c) -> text.append(text.charAt(text.length() - 1) == '{' ? "" : ",")
                .append(new Money(d, currency).toDecimal().stripTrailingZeros().toPlainString()).append('x').append(c));
        return text.append('}').toString();
    }
}
