package io.branchlink.channel.form.internal.action;

import io.branchlink.channel.ledger.Account;
import java.util.UUID;

/** An account as counter business reads it: the ledger's columns plus its product and status. */
record AccountRow(UUID id, String accountNumber, UUID customerId, String kind, String currency, String name,
        long balance, long held, String product, String status) {

    static final String COLUMNS = """
            id, account_number, customer_id, kind, currency, name, balance, held, product, status""";

    String masked() {
        return Account.mask(accountNumber);
    }

    /** Refuses a time deposit where the business needs a current account. */
    void requireCurrent() {
        if (!"CURRENT".equals(product)) {
            throw new BusinessFailure("Account " + masked() + " is a time deposit; name a current account.");
        }
    }
}
