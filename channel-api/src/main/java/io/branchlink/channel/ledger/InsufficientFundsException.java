package io.branchlink.channel.ledger;

import java.util.UUID;

/**
 * A debit that would take a customer account below its held amount; thrown inside a transaction so that the whole
 * entry rolls back.
 */
public final class InsufficientFundsException extends RuntimeException {

    public InsufficientFundsException(UUID accountId) {
        super("insufficient funds in account " + accountId, null, false, false);
    }
}
