package io.branchlink.protocol.hubapi;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Redeem a withdrawal token at an ITM; idempotent on terminal id, STAN and the UTC date of {@code transmittedAt}.
 * The token text is a bearer secret: toString leaves it out.
 *
 * @param stan ISO 8583 field 11, 0 to 999999
 * @param rrn ISO 8583 field 37, optional
 */
public record WithdrawalRequest(String token, String terminalId, int stan, Instant transmittedAt,
        BigDecimal amount, String currency, String rrn) {

    @Override
    public String toString() {
        return "WithdrawalRequest[" + terminalId + " stan=" + stan + " amount=" + amount + " " + currency + "]";
    }
}
