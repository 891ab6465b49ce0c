package io.branchlink.channel.passkey.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Passkey challenges and credentials in PostgreSQL (V7__passkeys.sql). */
@Repository
class PasskeyStore {

    enum Ceremony { REGISTRATION, ASSERTION }

    record Challenge(UUID customerId, String deviceId, Instant expiresAt, Instant usedAt) {
    }

    record Credential(byte[] credentialId, UUID customerId, String deviceId, UUID aaguid, byte[] publicKeyCose,
            long signCount, boolean uvInitialized, boolean backupEligible, boolean backupState, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    PasskeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void saveChallenge(byte[] hash, UUID customerId, String deviceId, Ceremony ceremony, Instant now,
            Instant expiresAt) {
        jdbc.sql("""
                insert into passkey_challenges (challenge_hash, customer_id, device_id, ceremony, created_at, expires_at)
                values (:hash, :customer, :device, :ceremony, :now, :expires)""")
                .param("hash", hash).param("customer", customerId).param("device", deviceId)
                .param("ceremony", ceremony.name()).param("now", utc(now)).param("expires", utc(expiresAt))
                .update();
    }

    /** Drops the phone's challenges that expired before {@code before}; a replay of one then finds nothing. */
    void forgetChallenges(UUID customerId, String deviceId, Instant before) {
        jdbc.sql("delete from passkey_challenges where customer_id = :customer and device_id = :device"
                        + " and expires_at < :before")
                .param("customer", customerId).param("device", deviceId).param("before", utc(before)).update();
    }

    /** Drops every challenge that expired before {@code before}. */
    int purgeChallenges(Instant before) {
        return jdbc.sql("delete from passkey_challenges where expires_at < :before")
                .param("before", utc(before)).update();
    }

    /**
     * Locks the challenge row of this customer's phone and marks it used, returning how it was before; another
     * customer's or phone's challenge is not found and stays usable by its owner.
     */
    Optional<Challenge> useChallenge(byte[] hash, UUID customerId, String deviceId, Ceremony ceremony, Instant now) {
        Optional<Challenge> before = jdbc.sql("""
                select customer_id, device_id, expires_at, used_at from passkey_challenges
                where challenge_hash = :hash and customer_id = :customer and device_id = :device
                  and ceremony = :ceremony for update""")
                .param("hash", hash).param("customer", customerId).param("device", deviceId)
                .param("ceremony", ceremony.name())
                .query((rs, n) -> new Challenge(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getObject(4, OffsetDateTime.class) == null ? null
                                : rs.getObject(4, OffsetDateTime.class).toInstant()))
                .optional();
        if (before.isPresent() && before.get().usedAt() == null) {
            jdbc.sql("update passkey_challenges set used_at = :now where challenge_hash = :hash")
                    .param("now", utc(now)).param("hash", hash).update();
        }
        return before;
    }

    boolean saveCredential(Credential credential) {
        return jdbc.sql("""
                insert into passkey_credentials (credential_id, customer_id, device_id, aaguid, public_key_cose,
                    sign_count, uv_initialized, backup_eligible, backup_state, created_at)
                values (:id, :customer, :device, :aaguid, :key, :count, :uv, :be, :bs, :now)
                on conflict (credential_id) do nothing""")
                .param("id", credential.credentialId()).param("customer", credential.customerId())
                .param("device", credential.deviceId()).param("aaguid", credential.aaguid())
                .param("key", credential.publicKeyCose()).param("count", credential.signCount())
                .param("uv", credential.uvInitialized()).param("be", credential.backupEligible())
                .param("bs", credential.backupState()).param("now", utc(credential.createdAt()))
                .update() == 1;
    }

    /** The credential if it is a passkey of this customer's phone, locked until the transaction ends. */
    Optional<Credential> lockCredential(byte[] credentialId, UUID customerId, String deviceId) {
        return jdbc.sql("""
                select credential_id, customer_id, device_id, aaguid, public_key_cose, sign_count, uv_initialized,
                       backup_eligible, backup_state, created_at
                from passkey_credentials
                where credential_id = :id and customer_id = :customer and device_id = :device for update""")
                .param("id", credentialId).param("customer", customerId).param("device", deviceId)
                .query((rs, n) -> new Credential(rs.getBytes(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getBytes(5), rs.getLong(6), rs.getBoolean(7),
                        rs.getBoolean(8), rs.getBoolean(9), rs.getObject(10, OffsetDateTime.class).toInstant()))
                .optional();
    }

    List<byte[]> credentialIds(UUID customerId, String deviceId) {
        return jdbc.sql("select credential_id from passkey_credentials where customer_id = :customer"
                        + " and device_id = :device order by created_at")
                .param("customer", customerId).param("device", deviceId)
                .query((rs, n) -> rs.getBytes(1)).list();
    }

    void recordUse(byte[] credentialId, long signCount, boolean backupState, Instant now) {
        jdbc.sql("update passkey_credentials set sign_count = :count, backup_state = :bs, last_used_at = :now"
                        + " where credential_id = :id")
                .param("count", signCount).param("bs", backupState).param("now", utc(now))
                .param("id", credentialId).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
