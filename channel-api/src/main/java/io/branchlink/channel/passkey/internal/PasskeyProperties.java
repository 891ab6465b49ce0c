package io.branchlink.channel.passkey.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param rpId the relying party id: the domain the passkeys are scoped to (the SHA-256 of it is checked in every
 *         authenticator response)
 * @param rpName the relying party name an authenticator may show
 * @param origins the exact origins a response's client data may name (scheme, host and port; for an Android app
 *         {@code android:apk-key-hash:...})
 * @param challengeTtl how long a registration or assertion challenge can be answered
 * @param userVerificationRequired whether the authenticator must report user verification (the biometric or the
 *         phone's PIN), not just presence
 */
@ConfigurationProperties("branchlink.channel.passkey")
@Validated
record PasskeyProperties(@NotBlank @DefaultValue("localhost") String rpId,
        @NotBlank @DefaultValue("BranchLink") String rpName,
        @NotEmpty @DefaultValue("http://localhost:8080") Set<String> origins,
        @NotNull @DefaultValue("2m") Duration challengeTtl,
        @DefaultValue("true") boolean userVerificationRequired) {
}
