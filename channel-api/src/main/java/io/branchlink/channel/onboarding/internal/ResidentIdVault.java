package io.branchlink.channel.onboarding.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keeps resident ID numbers unreadable at rest. A number is 18 characters with a birth date and a region inside, so
 * a plain hash would be reversed by trying them all: the hash is an HMAC-SHA256 under a key the database does not
 * hold. While an onboarding waits for its SMS code the number itself is needed for the identity check, so it is
 * encrypted (AES-256-GCM, a fresh nonce, the onboarding id as associated data) and erased when the onboarding ends.
 * The hash and the encryption use two keys derived from the configured one.
 */
@Component
class ResidentIdVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec hashKey;
    private final SecretKeySpec encryptionKey;
    private final SecureRandom random = new SecureRandom();

    ResidentIdVault(OnboardingProperties properties) {
        if (!properties.configured()) {
            this.hashKey = null;
            this.encryptionKey = null;
            return;
        }
        byte[] key = properties.key();
        this.hashKey = new SecretKeySpec(hmac(key, "resident-id-hash"), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(hmac(key, "resident-id-encryption"), "AES");
    }

    boolean configured() {
        return hashKey != null;
    }

    /** The keyed hash that tells whether two customers have the same number; 32 bytes. */
    byte[] hash(String number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac.doFinal(number.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Nonce followed by ciphertext and tag. */
    byte[] encrypt(String number, UUID onboardingId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(onboardingId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(number.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * @throws IllegalStateException when the stored bytes do not decrypt under the configured key for this onboarding
     */
    String decrypt(byte[] stored, UUID onboardingId) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, NONCE_BYTES)));
            cipher.updateAAD(onboardingId.toString().getBytes(StandardCharsets.US_ASCII));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES),
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the resident ID number of onboarding " + onboardingId + " does not"
                    + " decrypt: " + OnboardingProperties.KEY_PROPERTY + " is not the key it was encrypted with");
        }
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
