package io.branchlink.channel.seal.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The bank's seal keys, {@code branchlink.channel.seal}. A key id is the key's alias in the key store. There is no
 * default key: without a key store (or {@code self-signed} in tests and the demo) channel-api does not start.
 *
 * @param keyStore a PKCS#12 (or JKS) file holding the active key's entry and the verify-only keys' certificates
 * @param password the key store's and the active key entry's password
 * @param activeKey the key id that seals now
 * @param verifyOnly earlier keys: their seals still verify when made before their retirement
 * @param selfSigned make a throw-away self-signed active key at start (tests and the demo; never in production)
 * @param maxDocumentSize the largest PDF the verification endpoint reads
 */
@ConfigurationProperties("branchlink.channel.seal")
@Validated
record SealProperties(
        Path keyStore,
        String password,
        @NotBlank @DefaultValue("bank-seal") String activeKey,
        @NotNull @Valid @DefaultValue List<RetiredKey> verifyOnly,
        @DefaultValue("false") boolean selfSigned,
        @NotNull @DefaultValue("4MB") DataSize maxDocumentSize) {

    /**
     * A key that no longer seals.
     *
     * @param keyId its alias in the key store (a key entry or a certificate entry)
     * @param retiredAt when it stopped sealing: its seals made before verify, later ones are refused
     */
    record RetiredKey(@NotBlank String keyId, @NotNull Instant retiredAt) {
    }

    @Override
    public String toString() {
        return "SealProperties[keyStore=" + keyStore + ", password=" + (password == null ? "unset" : "(set)")
                + ", activeKey=" + activeKey + ", verifyOnly=" + verifyOnly + ", selfSigned=" + selfSigned
                + ", maxDocumentSize=" + maxDocumentSize + "]";
    }
}
