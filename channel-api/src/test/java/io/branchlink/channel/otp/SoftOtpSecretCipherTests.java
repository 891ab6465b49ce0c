package io.branchlink.channel.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Secrets at rest are AES-GCM under the configured key; without a key of the right size nothing starts. */
class SoftOtpSecretCipherTests {

    static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final String OWNER = SoftOtp.owner(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "phone-1");

    static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }

    final SecretCipher cipher = new SecretCipher(key(1), new SecureRandom());

    @Test
    void decryptsWhatItEncryptedAndNeverStoresTheSecretAsItIs() {
        byte[] stored = cipher.encrypt(SECRET, OWNER);

        assertThat(cipher.decrypt(stored, OWNER)).isEqualTo(SECRET);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("1234567890");
        assertThat(cipher.encrypt(SECRET, OWNER)).as("a fresh nonce each time").isNotEqualTo(stored);
    }

    @Test
    void aWrongKeyFailsNamingTheSettingAndNoSecret() {
        byte[] stored = cipher.encrypt(SECRET, OWNER);
        SecretCipher other = new SecretCipher(key(2), new SecureRandom());

        assertThatThrownBy(() -> other.decrypt(stored, OWNER))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class)
                .hasMessageContaining("branchlink.channel.otp.encryption-key is not the key it was encrypted with")
                .hasMessageContaining("phone-1");
    }

    @Test
    void aSecretMovedToAnotherDeviceDoesNotDecrypt() {
        byte[] stored = cipher.encrypt(SECRET, OWNER);

        assertThatThrownBy(() -> cipher.decrypt(stored, OWNER.replace("phone-1", "phone-2")))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }

    @Test
    void aChangedByteDoesNotDecrypt() {
        byte[] stored = cipher.encrypt(SECRET, OWNER);
        stored[stored.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(stored, OWNER))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void refusesToStartWithoutAKey() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("encryptionKey"));
    }

    @Test
    void refusesToStartWithAKeyOfTheWrongSize() {
        runner.withPropertyValues("branchlink.channel.otp.encryption-key="
                        + Base64.getEncoder().encodeToString(new byte[16]))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("must be Base64 of 32 bytes (AES-256), not 16 bytes"));
    }

    @Test
    void startsWithA32ByteKeyAndDoesNotPrintIt() {
        String key = Base64.getEncoder().encodeToString(key(7));
        runner.withPropertyValues("branchlink.channel.otp.encryption-key=" + key)
                .run(context -> {
                    OtpProperties properties = context.getBean(OtpProperties.class);
                    assertThat(properties.key()).isEqualTo(key(7));
                    assertThat(properties.maxFailures()).isEqualTo(5);
                    assertThat(properties.toString()).doesNotContain(key);
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OtpProperties.class)
    static class Bind {
    }
}
