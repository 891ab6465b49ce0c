package io.branchlink.protocol.iso8583;

import com.solab.iso8583.IsoType;
import com.solab.iso8583.parse.FieldParseInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where each field of a well-formed profile message starts, for tests that cut or alter single fields. */
final class FieldOffsets {

    private FieldOffsets() {
    }

    static Map<Integer, Integer> of(byte[] message) {
        Mti mti = Mti.fromBcd(message[0], message[1]);
        boolean secondary = (message[2] & 0x80) != 0;
        int bits = secondary ? 128 : 64;
        int pos = 2 + bits / 8;
        Map<Integer, Integer> offsets = new LinkedHashMap<>();
        for (int field = 2; field <= bits; field++) {
            int bit = field - 1;
            if ((message[2 + bit / 8] & (0x80 >>> (bit % 8))) == 0) {
                continue;
            }
            offsets.put(field, pos);
            FieldParseInfo info = IsoProfile.get().field(mti, field);
            if (info.getType() == IsoType.NUMERIC) {
                pos += (info.getLength() + 1) / 2;
            } else if (info.getType() == IsoType.LLLVAR) {
                pos += 2 + (message[pos] & 0x0f) * 100 + ((message[pos + 1] & 0xf0) >>> 4) * 10
                        + (message[pos + 1] & 0x0f);
            } else {
                pos += info.getLength();
            }
        }
        return offsets;
    }
}
