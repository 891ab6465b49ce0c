package io.branchlink.channel.otp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The soft-OTP factor's settings. There is no default encryption key: channel-api does not start without one, and
 * only the demo profile sets one.
 *
 * @param encryptionKey Base64 of the 32-byte AES-256 key that encrypts the TOTP secrets at rest (AES-GCM)
 * @param maxFailures wrong codes within {@code failureWindow} that lock the factor
 * @param failureWindow how long a wrong code counts towards the lock
 * @param lock how long the factor stays locked
 */
@ConfigurationProperties("branchlink.channel.otp")
@Validated
record OtpProperties(@NotBlank String encryptionKey, @Min(1) @DefaultValue("5") int maxFailures,
        @NotNull @DefaultValue("15m") Duration failureWindow, @NotNull @DefaultValue("15m") Duration lock) {

    static final String KEY_PROPERTY = "branchlink.channel.otp.encryption-key";

    OtpProperties {
        if (encryptionKey != null && !encryptionKey.isBlank()) {
            keyBytes(encryptionKey);
        }
    }

    /** The key's bytes: Base64 of exactly 32 bytes, or the application refuses to start. */
    byte[] key() {
        return keyBytes(encryptionKey);
    }

    private static byte[] keyBytes(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_PROPERTY + " must be Base64 (of 32 random bytes)");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(KEY_PROPERTY + " must be Base64 of 32 bytes (AES-256), not "
                    + key.length + " bytes");
        }
        return key;
    }

    @Override
    public String toString() {
        return "OtpProperties[encryptionKey=" + (encryptionKey == null ? "unset" : "(set)") + ", maxFailures="
                + maxFailures + ", failureWindow=" + failureWindow + ", lock=" + lock + "]";
    }
}
