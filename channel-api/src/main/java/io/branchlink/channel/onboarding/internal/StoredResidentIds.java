package io.branchlink.channel.onboarding.internal;

import io.branchlink.channel.onboarding.ResidentIds;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ResidentIds} over {@code customers.resident_id_hash} (V20), hashed by {@link ResidentIdVault}. */
@Component
class StoredResidentIds implements ResidentIds {

    private final JdbcClient jdbc;
    private final ResidentIdVault vault;

    StoredResidentIds(JdbcClient jdbc, ResidentIdVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @Override
    public boolean onFile(UUID customerId) {
        return stored(customerId) != null;
    }

    @Override
    public boolean matches(UUID customerId, String number) {
        byte[] stored = stored(customerId);
        return stored != null && number != null && vault.configured()
                && MessageDigest.isEqual(stored, vault.hash(number.toUpperCase(Locale.ROOT)));
    }

    private byte[] stored(UUID customerId) {
        return jdbc.sql("select resident_id_hash from customers where id = ?").param(customerId)
                .query(byte[].class).optional().orElse(null);
    }
}
