package io.branchlink.channel.ledger;

import java.util.UUID;

/**
 * One leg of a journal entry, in minor units: a positive amount debits the account, a negative one credits it.
 */
public record Posting(UUID accountId, long amount) {

    public Posting {
        if (amount == 0) {
            throw new IllegalArgumentException("a posting moves money");
        }
    }

    public static Posting debit(UUID accountId, long amount) {
        return new Posting(accountId, Math.abs(amount));
    }

    public static Posting credit(UUID accountId, long amount) {
        return new Posting(accountId, -Math.abs(amount));
    }
}
