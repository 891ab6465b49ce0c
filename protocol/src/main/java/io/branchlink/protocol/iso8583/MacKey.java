package io.branchlink.protocol.iso8583;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** A terminal's 128-bit AES key for the ISO 8583 MAC; its {@link #toString()} never shows the key. */
public final class MacKey {

    public static final int BYTES = 16;

    private final byte[] bytes;

    private MacKey(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("an AES-128 MAC key is " + BYTES + " bytes");
        }
        this.bytes = bytes.clone();
    }

    public static MacKey of(byte[] bytes) {
        return new MacKey(bytes);
    }

    /** Reads 32 hex digits, the form keys take in configuration. */
    public static MacKey fromHex(String hex) {
        try {
            return new MacKey(HexFormat.of().parseHex(hex.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a MAC key is 32 hex digits");
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] bytesUnsafe() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "MacKey[AES-128]";
    }
}
