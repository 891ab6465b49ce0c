package io.branchlink.channel.seal.internal;

import io.branchlink.prefill.seal.PdfSeal;
import io.branchlink.prefill.seal.SealCredentials;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's seal keys by key id: the active one, which seals, and the verify-only ones, each with the instant it
 * was retired. Built from {@link SealProperties} at start; a rotation is a new configuration and a restart. Logs
 * each key's id, subject and serial, never the key or the password.
 *
 * @see io.branchlink.channel.seal.internal.SealKeyRingTests
 */
final class SealKeyRing {

    private static final Logger log = LoggerFactory.getLogger(SealKeyRing.class);

    private final String activeKeyId;
    private final PdfSeal active;
    private final Map<String, Key> keys;

    SealKeyRing(String activeKeyId, SealCredentials active, Map<String, Key> verifyOnly) {
        this.activeKeyId = activeKeyId;
        this.active = new PdfSeal(active);
        Map<String, Key> all = new LinkedHashMap<>();
        all.put(activeKeyId, new Key(activeKeyId, active.certificate(), null));
        verifyOnly.forEach((id, key) -> {
            if (all.containsKey(id)) {
                throw new IllegalStateException("seal key " + id + " is both active and verify-only");
            }
            all.put(id, key);
        });
        this.keys = Map.copyOf(all);
    }

    /**
     * The ring the settings describe.
     *
     * @throws IllegalStateException when there is no key, the key store cannot be read, or a key id is missing
     */
    static SealKeyRing load(SealProperties properties, Clock clock) {
        if (properties.keyStore() != null) {
            if (properties.password() == null) {
                throw new IllegalStateException("branchlink.channel.seal.password must be set with key-store");
            }
            char[] password = properties.password().toCharArray();
            SealCredentials active = SealCredentials.fromKeyStore(properties.keyStore(), password,
                    properties.activeKey());
            Map<String, Key> verifyOnly = new LinkedHashMap<>();
            KeyStore store = open(properties, password);
            for (SealProperties.RetiredKey retired : properties.verifyOnly()) {
                verifyOnly.put(retired.keyId(), new Key(retired.keyId(),
                        certificate(store, properties, retired.keyId()), retired.retiredAt()));
            }
            return logged(new SealKeyRing(properties.activeKey(), active, verifyOnly));
        }
        if (properties.selfSigned()) {
            if (!properties.verifyOnly().isEmpty()) {
                throw new IllegalStateException("branchlink.channel.seal.verify-only needs a key-store");
            }
            log.warn("documents are sealed with a self-signed key made at start: for tests and the demo only");
            return logged(new SealKeyRing(properties.activeKey(), SealCredentials.selfSigned(
                    "BranchLink Demo Seal (not trusted)", clock.instant(), Duration.ofDays(3650)), Map.of()));
        }
        throw new IllegalStateException("no seal key: set branchlink.channel.seal.key-store (with password and"
                + " active-key), or self-signed=true in tests and the demo only");
    }

    private static KeyStore open(SealProperties properties, char[] password) {
        try {
            return KeyStore.getInstance(properties.keyStore().toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the seal key store " + properties.keyStore(), e);
        }
    }

    private static X509Certificate certificate(KeyStore store, SealProperties properties, String keyId) {
        try {
            Certificate certificate = store.getCertificate(keyId);
            if (!(certificate instanceof X509Certificate x509)) {
                throw new IllegalStateException("the key store " + properties.keyStore()
                        + " has no certificate for verify-only seal key " + keyId);
            }
            return x509;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read seal key " + keyId + " of " + properties.keyStore(), e);
        }
    }

    private static SealKeyRing logged(SealKeyRing ring) {
        for (Key key : ring.keys.values()) {
            log.info("seal key id={} role={} subject=\"{}\" serial={}{}", key.id(),
                    key.retiredAt() == null ? "active" : "verify-only",
                    key.certificate().getSubjectX500Principal().getName(),
                    key.certificate().getSerialNumber().toString(16),
                    key.retiredAt() == null ? "" : " retired-at=" + key.retiredAt());
        }
        return ring;
    }

    String activeKeyId() {
        return activeKeyId;
    }

    /** Seals with the active key. */
    byte[] seal(byte[] pdf, String reason, String location, Instant at) {
        return active.seal(pdf, reason, location, at);
    }

    /** The bank's key with this certificate, if it is one. */
    Optional<Key> identify(X509Certificate certificate) {
        if (certificate == null) {
            return Optional.empty();
        }
        return keys.values().stream().filter(key -> key.certificate().equals(certificate)).findFirst();
    }

    /** Every key, the active one first. */
    List<Key> keys() {
        List<Key> all = new ArrayList<>();
        all.add(keys.get(activeKeyId));
        keys.values().stream().filter(key -> !key.id().equals(activeKeyId)).forEach(all::add);
        return all;
    }

    /**
     * One of the bank's seal keys.
     *
     * @param retiredAt null for the active key; else when it stopped sealing
     */
    record Key(String id, X509Certificate certificate, Instant retiredAt) {

        /** A seal made at {@code signedAt} with this key is the bank's: made before its retirement. */
        boolean sealedWhileActive(Instant signedAt) {
            return retiredAt == null || (signedAt != null && signedAt.isBefore(retiredAt));
        }
    }
}
