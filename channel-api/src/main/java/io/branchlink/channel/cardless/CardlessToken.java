package io.branchlink.channel.cardless;

import java.time.Instant;
import java.util.UUID;

/**
 * A staged cardless token as channel-api stores it; the token text itself is never stored.
 *
 * @param terminalId the only terminal that may redeem the token (a token created by an ITM session claim), or null
 */
public record CardlessToken(String tokenId, String type, UUID customerId, UUID accountId, String deviceId,
        Long amount, String currency, String branchId, String keyId, Instant expiresAt, TokenStatus status,
        UUID holdId, Instant createdAt, Instant closedAt, String terminalId) {

    /** The select list of {@code cardless_tokens} that maps onto this record. */
    public static final String COLUMNS = """
            token_id, type, customer_id, account_id, device_id, amount, currency, branch_id, key_id, expires_at,
            status, hold_id, created_at, closed_at, terminal_id""";

    /** The first eight hex digits of the token id: enough to find the token, not enough to present it. */
    public String shortId() {
        return tokenId.substring(0, 8);
    }

    /** Whether {@code terminal} may redeem this token: any terminal, unless the token is bound to one. */
    public boolean redeemableAt(String terminal) {
        return terminalId == null || terminalId.equals(terminal);
    }
}
