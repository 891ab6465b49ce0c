package io.branchlink.channel.transfer.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer's saved payee as stored: at this bank ({@code INTRA}, with the account the money goes to) or at another
 * bank ({@code INTERBANK}, with its bank code). {@code counterparty} is the payee's stable key for the risk engine.
 */
record Payee(UUID id, UUID customerId, String kind, UUID accountId, String bankCode, String accountNumber,
        String name, String counterparty, boolean registeredAtCounter, String registeredBy, Instant trustedAt,
        Instant createdAt) {

    static final String COLUMNS = """
            id, customer_id, kind, account_id, bank_code, account_number, name, counterparty, registered_at_counter,
            registered_by, trusted_at, created_at""";

    boolean interbank() {
        return "INTERBANK".equals(kind);
    }

    /** The account number as the app shows it: the last four digits of another customer's account only. */
    String shownNumber() {
        return interbank() ? accountNumber : io.branchlink.channel.ledger.Account.mask(accountNumber);
    }
}
