package io.branchlink.channel.ledger;

import java.util.UUID;

/**
 * An account as the ledger keeps it; {@code balance} is in the account's natural sign (what the customer owns, for a
 * deposit account) and {@code held} is the sum of its open holds.
 */
public record Account(UUID id, String accountNumber, UUID customerId, String kind, String currency, String name,
        long balance, long held) {

    public long available() {
        return balance - held;
    }

    /** The account number with all but the last four digits hidden, the only form logs and receipts may show. */
    public String maskedNumber() {
        return mask(accountNumber);
    }

    public static String mask(String accountNumber) {
        int visible = Math.min(4, accountNumber.length());
        return "*".repeat(accountNumber.length() - visible) + accountNumber.substring(accountNumber.length() - visible);
    }
}
