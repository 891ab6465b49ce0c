package io.branchlink.prefill.validation;

/**
 * Tells whether an account belongs to a customer; channel-api supplies it from its ledger, the validator calls it
 * for every ACCOUNT field whose rules do not say {@code "ownedByCustomer": false}.
 */
@FunctionalInterface
public interface AccountOwnership {

    boolean isOwnedBy(String accountNumber, String customerId);
}
