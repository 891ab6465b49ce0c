package io.branchlink.channel.clearing;

import io.branchlink.protocol.money.Money;
import java.util.Objects;
import java.util.UUID;

/**
 * One payment to another bank as the clearing system takes it.
 *
 * @param paymentId the bank's id of the payment (the transfer's id); the clearing system is idempotent on it
 * @param debtorAccount the payer's account number at this bank
 * @param debtorName the payer's name
 * @param creditorBankCode the payee's bank
 * @param creditorAccount the payee's account number at that bank
 * @param creditorName the payee's name as the payer gave it
 * @param amount the amount
 * @param memo the payer's note to the payee, or null
 */
public record ClearingPayment(UUID paymentId, String debtorAccount, String debtorName, String creditorBankCode,
        String creditorAccount, String creditorName, Money amount, String memo) {

    public ClearingPayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
    }
}
