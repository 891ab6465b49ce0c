package io.branchlink.channel.form.internal.action;

/**
 * Confirmed business that cannot be carried out (funds moved, a card already blocked, a currency mismatch); thrown
 * inside the savepoint of the business, so everything it did rolls back and the form is recorded {@code FAILED}
 * with this message, which is written for the teller and the customer.
 */
public final class BusinessFailure extends RuntimeException {

    BusinessFailure(String message) {
        super(message, null, false, false);
    }
}
