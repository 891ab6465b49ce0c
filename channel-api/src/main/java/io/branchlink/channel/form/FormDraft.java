package io.branchlink.channel.form;

import java.time.Instant;
import java.util.UUID;

/** A form as channel-api stores it; {@code fieldValues} is the JSON object of the values as typed. */
record FormDraft(UUID id, UUID customerId, String type, String fieldValues, String status, String branchId,
        String tokenId, String keyId, Instant tokenExpiresAt, Instant createdAt, Instant updatedAt,
        Instant submittedAt, Instant decidedAt) {

    static final String COLUMNS = """
            id, customer_id, type, field_values::text as field_values, status, branch_id, token_id, key_id,
            token_expires_at, created_at, updated_at, submitted_at, decided_at""";

    static final String DRAFT = "DRAFT";
    static final String SUBMITTED = "SUBMITTED";
    static final String STAGED = "STAGED";
    static final String EXECUTED = "EXECUTED";
    static final String REJECTED = "REJECTED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";
    static final String EXPIRED = "EXPIRED";

    boolean decided() {
        return EXECUTED.equals(status) || REJECTED.equals(status) || FAILED.equals(status);
    }

    boolean open() {
        return SUBMITTED.equals(status) || STAGED.equals(status);
    }

    /** The first eight hex digits of the token id, all that logs show. */
    String shortToken() {
        return tokenId == null ? "-" : tokenId.substring(0, 8);
    }
}
