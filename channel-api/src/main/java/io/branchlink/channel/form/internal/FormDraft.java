package io.branchlink.channel.form.internal;

import java.time.Instant;
import java.util.UUID;

/** A form as channel-api stores it; {@code fieldValues} is the JSON object of the values as typed. */
public record FormDraft(UUID id, UUID customerId, String type, String fieldValues, FormStatus status,
        String branchId, String tokenId, String keyId, Instant tokenExpiresAt, Instant createdAt, Instant updatedAt,
        Instant submittedAt, Instant decidedAt) {

    public static final String COLUMNS = """
            id, customer_id, type, field_values::text as field_values, status, branch_id, token_id, key_id,
            token_expires_at, created_at, updated_at, submitted_at, decided_at""";

    public boolean decided() {
        return status.decided();
    }

    public boolean open() {
        return status.open();
    }

    /** The first eight hex digits of the token id, all that logs show. */
    public String shortToken() {
        return tokenId == null ? "-" : tokenId.substring(0, 8);
    }
}
