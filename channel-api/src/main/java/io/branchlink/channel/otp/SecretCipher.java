package io.branchlink.channel.otp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts TOTP secrets at rest with AES-256-GCM: a fresh 96-bit nonce per secret (stored in front of the
 * ciphertext), a 128-bit tag, and the customer and device as associated data, so a secret copied onto another
 * device's row does not decrypt.
 *
 * @see io.branchlink.channel.otp.SoftOtpSecretCipherTests
 */
final class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;

    SecretCipher(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    /** Nonce followed by ciphertext and tag. */
    byte[] encrypt(byte[] secret, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @throws SecretUnreadableException when the key is not the one the secret was encrypted with, or the stored
     *         bytes or their owner were changed
     */
    byte[] decrypt(byte[] stored, String owner) {
        if (stored.length <= NONCE_BYTES) {
            throw new SecretUnreadableException(owner);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(stored, 0, NONCE_BYTES)));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadableException(owner);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** A stored secret that does not decrypt; names no key material and no secret. */
    static final class SecretUnreadableException extends IllegalStateException {

        SecretUnreadableException(String owner) {
            super("The soft-OTP secret of " + owner + " does not decrypt: " + OtpProperties.KEY_PROPERTY
                    + " is not the key it was encrypted with, or the stored row was changed");
        }
    }
}
