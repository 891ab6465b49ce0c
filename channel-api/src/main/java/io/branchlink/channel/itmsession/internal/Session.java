package io.branchlink.channel.itmsession.internal;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code itm_sessions}: a code minted for one ITM and, once claimed, what the phone asked for. */
record Session(String sessionId, String branchId, String terminalId, Instant expiresAt, String status, String kind,
        UUID customerId, UUID accountId, Long amount, String currency, String tokenId, String requestHash,
        Long feedSeq, Instant claimedAt) {

    static final String COLUMNS = """
            session_id, branch_id, terminal_id, expires_at, status, kind, customer_id, account_id, amount, currency,
            token_id, request_hash, feed_seq, claimed_at""";

    String shortId() {
        return sessionId.substring(0, 8);
    }
}
