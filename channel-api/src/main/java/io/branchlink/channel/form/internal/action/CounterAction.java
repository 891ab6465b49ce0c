package io.branchlink.channel.form.internal.action;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One counter business, carried out for a confirmed form in the caller's transaction (the execution's savepoint). It
 * throws {@link BusinessFailure} when the business cannot be done; money moves only through balanced ledger entries
 * (docs/channel-api.md lists each action's postings).
 *
 * @see io.branchlink.channel.form.FormExecutionIntegrationTests
 */
public interface CounterAction {

    /** The catalog action this carries out, as {@code FormDefinition.action()} names it ({@code TIME_DEPOSIT_OPEN}). */
    String action();

    Done execute(Context ctx);

    /**
     * What carrying out the form would move, read from the values as typed before the business runs, for the risk
     * engine's question; {@link Movement#NONE} when it moves no money.
     */
    default Movement movement(Context ctx) {
        return Movement.NONE;
    }

    /** Whether carrying out the form changes the customer's mobile number. */
    default boolean changesPhone(Context ctx) {
        return false;
    }

    /** What a form's execution works with. {@code reference} is the voucher reference the business is booked under. */
    record Context(UUID draftId, UUID customerId, String type, String action, Map<String, String> values,
            String branchId, String tellerId, String terminalId, String reference, Instant now, LocalDate today) {

        /** The field's value as typed, stripped; {@code null} when it is missing or blank. */
        public String value(String field) {
            String value = values.get(field);
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /**
     * The money a form moves, as typed: the customer's account it is taken from (or paid into), the amount and its
     * currency, and the payee of a transfer; any of them may be null.
     */
    record Movement(String accountNumber, String amount, String currency, String counterparty) {

        public static final Movement NONE = new Movement(null, null, null, null);
    }

    /** The message for the teller and the customer, and the business's result (new numbers, statuses). */
    record Done(String message, Map<String, String> result) {

        /** A result from name/value pairs, in order; a pair whose value is {@code null} is left out. */
        static Done of(String message, String... pairs) {
            Map<String, String> result = new LinkedHashMap<>();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                if (pairs[i + 1] != null) {
                    result.put(pairs[i], pairs[i + 1]);
                }
            }
            return new Done(message, result);
        }
    }
}
