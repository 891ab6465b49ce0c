package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event of a branch's ITM session feed: a phone claimed the session shown at {@code terminalId}, channel-api
 * placed the hold (for a withdrawal) and created a cardless token bound to that terminal. The hub passes it to the
 * ITM, which puts {@code token} in its 0200 as if its camera had read it.
 *
 * @param kind a {@link TransactionKind} name
 * @param amount the withdrawal's amount, or null for a deposit (the ITM counts the notes)
 * @param token the cardless token's text; like cash it is not logged
 * @param expiresAt when the token (and so the authorisation) expires
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItmAuthorisation(long seq, String sessionId, String terminalId, String kind, BigDecimal amount,
        String currency, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "ItmAuthorisation[" + seq + " " + terminalId + " " + kind + " " + sessionId.substring(0, 8) + "]";
    }
}
