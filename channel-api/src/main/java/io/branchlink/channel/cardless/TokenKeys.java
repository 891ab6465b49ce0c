package io.branchlink.channel.cardless;

import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.QrTokenVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds the active signing key and the public keys that are still trusted; signs tokens and verifies them. Hubs
 * fetch the public keys from {@code /api/hub/v1/token-keys} to reject forgeries without calling channel-api.
 */
@Component
public class TokenKeys {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);

    private final String activeKeyId;
    private final PrivateKey signingKey;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();
    private final QrTokenVerifier verifier;

    TokenKeys(TokenKeyProperties properties, CardlessProperties cardless, Clock clock) {
        this.activeKeyId = properties.keyId();
        this.signingKey = properties.privateKey() != null && !properties.privateKey().isBlank()
                ? Ed25519Keys.privateKeyFromBase64(properties.privateKey())
                : loadOrCreate(Path.of(properties.keyFile()));
        trusted.put(activeKeyId, Ed25519Keys.publicKeyOf(signingKey));
        if (properties.retiredPublicKeys() != null) {
            properties.retiredPublicKeys().forEach((id, key) -> trusted.putIfAbsent(id, Ed25519Keys.publicKeyFromBase64(key)));
        }
        this.verifier = new QrTokenVerifier(id -> Optional.ofNullable(trusted.get(id)), clock, cardless.clockSkew());
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** Signs claims whose key id is the active one. */
    public String sign(QrToken claims) {
        if (!claims.keyId().equals(activeKeyId)) {
            throw new IllegalArgumentException("only the active key " + activeKeyId + " signs");
        }
        return QrTokenCodec.encode(claims, signingKey);
    }

    public QrTokenVerifier verifier() {
        return verifier;
    }

    /** Key id to Base64 X.509 public key, for every key still trusted. */
    public Map<String, String> publicKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        trusted.forEach((id, key) -> keys.put(id, Ed25519Keys.publicKeyToBase64(key)));
        return keys;
    }

    private static PrivateKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Ed25519Keys.privateKeyFromBase64(Files.readString(file));
            }
            KeyPair pair = Ed25519Keys.generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Ed25519Keys.privateKeyToBase64(pair.getPrivate()));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("could not restrict permissions of the token signing key file");
            }
            log.info("generated a new token signing key file={}", file.toAbsolutePath());
            return pair.getPrivate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token signing key " + file, e);
        }
    }
}
