package io.branchlink.protocol.iso8583;

import java.security.MessageDigest;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493) truncated to its first 8 bytes, the MAC of fields 64 and 128.
 *
 * @see io.branchlink.protocol.iso8583.IsoMacTests
 */
final class IsoMac {

    static final int BYTES = 8;

    private IsoMac() {
    }

    /** The MAC over {@code length} bytes of {@code data} from {@code offset}. */
    static byte[] compute(MacKey key, byte[] data, int offset, int length) {
        CMac cmac = new CMac(AESEngine.newInstance(), BYTES * 8);
        cmac.init(new KeyParameter(key.bytesUnsafe()));
        cmac.update(data, offset, length);
        byte[] mac = new byte[BYTES];
        cmac.doFinal(mac, 0);
        return mac;
    }

    /** Checks the MAC that ends {@code message} against the bytes before it, in constant time. */
    static boolean matches(MacKey key, byte[] message) {
        int macOffset = message.length - BYTES;
        byte[] expected = compute(key, message, 0, macOffset);
        byte[] actual = new byte[BYTES];
        System.arraycopy(message, macOffset, actual, 0, BYTES);
        return MessageDigest.isEqual(expected, actual);
    }
}
