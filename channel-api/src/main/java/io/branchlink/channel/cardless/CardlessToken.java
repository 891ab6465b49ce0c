package io.branchlink.channel.cardless;

import java.time.Instant;
import java.util.UUID;

/** A staged cardless token as channel-api stores it; the token text itself is never stored. */
public record CardlessToken(String tokenId, String type, UUID customerId, UUID accountId, String deviceId,
        Long amount, String currency, String branchId, String keyId, Instant expiresAt, TokenStatus status,
        UUID holdId, Instant createdAt, Instant closedAt) {

    /** The select list of {@code cardless_tokens} that maps onto this record. */
    public static final String COLUMNS = """
            token_id, type, customer_id, account_id, device_id, amount, currency, branch_id, key_id, expires_at,
            status, hold_id, created_at, closed_at""";

    /** The first eight hex digits of the token id: enough to find the token, not enough to present it. */
    public String shortId() {
        return tokenId.substring(0, 8);
    }
}
