package io.branchlink.channel.cardless;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Ed25519 key that signs QR tokens.
 *
 * @param keyId the id written into every token (A-Z, 0-9, up to 16)
 * @param privateKey the signing key as Base64 PKCS#8; when empty, {@code keyFile} is read, and created on first
 *     start
 * @param keyFile where the generated signing key is kept (owner-readable only)
 * @param retiredPublicKeys earlier key ids and their Base64 X.509 public keys, still trusted until their tokens
 *     have expired
 */
@ConfigurationProperties("branchlink.channel.token-keys")
record TokenKeyProperties(
        @DefaultValue("K1") String keyId,
        String privateKey,
        @DefaultValue("data/channel-api/token-signing-key.pk8") String keyFile,
        Map<String, String> retiredPublicKeys) {
}
