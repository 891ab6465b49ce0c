package io.branchlink.channel.card.internal;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A credit card as the bank keeps it, in minor units; {@code balance} is what the customer owes now (the card
 * account's balance). The full card number is never kept: the processor knows it, the bank keeps its last four digits.
 */
record Card(UUID id, UUID customerId, UUID accountId, String cardRef, String panLast4, String currency,
        long creditLimit, int statementDay, int dueDay, String status, LocalDate openedOn, long balance) {

    static final String COLUMNS = """
            c.id, c.customer_id, c.account_id, c.card_ref, c.pan_last4, c.currency, c.credit_limit, c.statement_day,
            c.due_day, c.status, c.opened_on, a.balance""";
    static final String FROM = " from credit_cards c join accounts a on a.id = c.account_id ";

    long available() {
        return Math.max(0, creditLimit - balance);
    }

    String maskedPan() {
        return "**** **** **** " + panLast4;
    }

    /** The card as logs may name it: the last four digits only. */
    String shortName() {
        return "*" + panLast4;
    }
}
