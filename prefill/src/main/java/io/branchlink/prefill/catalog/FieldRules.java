package io.branchlink.prefill.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The validation rules of one field; every member is optional and applies only to the types that use it.
 *
 * @param min lowest amount, in major units of the amount's currency (AMOUNT)
 * @param max highest amount, in major units (AMOUNT)
 * @param minLength shortest text (TEXT, ACCOUNT)
 * @param maxLength longest text (TEXT, ACCOUNT)
 * @param pattern a regular expression the whole value must match (TEXT, ACCOUNT)
 * @param choices the allowed values (CHOICE, and CURRENCY when the currencies are restricted)
 * @param currency the fixed ISO 4217 currency of an amount (AMOUNT)
 * @param currencyField the name of the CURRENCY field that holds the amount's currency (AMOUNT)
 * @param notInPast a date must be today or later (DATE)
 * @param notInFuture a date must be today or earlier (DATE)
 * @param maxDaysAhead a date must be at most this many days after today (DATE)
 * @param ownedByCustomer whether the account must belong to the customer; true unless stated (ACCOUNT)
 */
public record FieldRules(
        BigDecimal min,
        BigDecimal max,
        Integer minLength,
        Integer maxLength,
        String pattern,
        List<Choice> choices,
        String currency,
        String currencyField,
        Boolean notInPast,
        Boolean notInFuture,
        Integer maxDaysAhead,
        Boolean ownedByCustomer) {

    public static final FieldRules NONE =
            new FieldRules(null, null, null, null, null, List.of(), null, null, null, null, null, null);

    public FieldRules {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    public Optional<Choice> choice(String value) {
        return choices.stream().filter(c -> c.value().equals(value)).findFirst();
    }

    public boolean mustNotBeInPast() {
        return Boolean.TRUE.equals(notInPast);
    }

    public boolean mustNotBeInFuture() {
        return Boolean.TRUE.equals(notInFuture);
    }

    public boolean mustBeOwnedByCustomer() {
        return !Boolean.FALSE.equals(ownedByCustomer);
    }
}
