package io.branchlink.protocol.hubapi;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Credit cash counted at an ITM to a deposit token's account; idempotent like a {@link WithdrawalRequest}.
 *
 * @param advice true when the ITM has already kept the notes: the deposit is credited even if the token expired
 */
public record DepositRequest(String token, String terminalId, int stan, Instant transmittedAt, BigDecimal amount,
        String currency, String rrn, boolean advice) {

    @Override
    public String toString() {
        return "DepositRequest[" + terminalId + " stan=" + stan + " amount=" + amount + " " + currency + "]";
    }
}
