package io.branchlink.hub.support;

import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoMessage;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Hand-made ISO 8583 messages for tests of what the hub refuses: a valid message altered at a known offset of the
 * BranchLink binary profile, then given a correct MAC again (AES-CMAC, first 8 bytes, as docs/protocols/iso8583.md
 * says), so that the MAC verifies and only the content is wrong.
 */
public final class IsoFrames {

    /** Where field 48 (LLLVAR) starts in an 0200: MTI 2, bitmap 8, fields 3 4 7 11 12 13 37 41 42. */
    private static final int FIELD_48_OFFSET = 2 + 8 + 3 + 6 + 5 + 3 + 3 + 2 + 12 + 8 + 15;
    /** Where field 3 starts in an 0200 or 0210. */
    public static final int FIELD_3_OFFSET = 2 + 8;
    /** Where field 39 starts in an 0210 without field 38: after fields 3 4 7 11 12 13 37. */
    public static final int FIELD_39_OFFSET_IN_0210 = 2 + 8 + 3 + 6 + 5 + 3 + 3 + 2 + 12;

    private IsoFrames() {
    }

    /** The 0200 {@code request} without its mandatory field 48, correctly MACed under {@code keyHex}. */
    public static byte[] withoutField48(IsoMessage request, String keyHex) {
        byte[] bytes = Iso8583Codec.encode(request, io.branchlink.protocol.iso8583.MacKey.fromHex(keyHex));
        int length = Integer.parseInt(HexFormat.of().formatHex(bytes, FIELD_48_OFFSET, FIELD_48_OFFSET + 2));
        byte[] shorter = new byte[bytes.length - 2 - length];
        System.arraycopy(bytes, 0, shorter, 0, FIELD_48_OFFSET);
        System.arraycopy(bytes, FIELD_48_OFFSET + 2 + length, shorter, FIELD_48_OFFSET,
                bytes.length - FIELD_48_OFFSET - 2 - length);
        shorter[2 + 47 / 8] &= (byte) ~(0x80 >>> (47 % 8));
        return remac(shorter, keyHex);
    }

    /** {@code message} with the MAC (its last 8 bytes) computed again under {@code keyHex}. */
    public static byte[] remac(byte[] message, String keyHex) {
        byte[] copy = Arrays.copyOf(message, message.length);
        CMac cmac = new CMac(AESEngine.newInstance(), 64);
        cmac.init(new KeyParameter(HexFormat.of().parseHex(keyHex)));
        cmac.update(copy, 0, copy.length - 8);
        cmac.doFinal(copy, copy.length - 8);
        return copy;
    }

    /** True when the last 8 bytes of {@code message} are its MAC under {@code keyHex}. */
    public static boolean macVerifies(byte[] message, String keyHex) {
        return Arrays.equals(remac(message, keyHex), message);
    }
}
