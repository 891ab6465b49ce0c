package io.branchlink.protocol.iso8583;

import com.solab.iso8583.IsoType;
import com.solab.iso8583.MessageFactory;
import com.solab.iso8583.parse.ConfigParser;
import com.solab.iso8583.parse.FieldParseInfo;
import io.branchlink.protocol.iso8583.IsoFormatException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The j8583 message factory configured from {@code branchlink-iso8583.xml} (binary MTI and bitmap, BCD numerics,
 * ISO-8859-1 alphanumerics), plus a structural check of raw messages against the same parse guides, run before j8583
 * sees the bytes so that every malformed message ends in an {@link IsoFormatException} with a precise reason.
 */
final class IsoProfile {

    static final String CONFIG = "branchlink-iso8583.xml";

    private static final int MTI_BYTES = 2;
    private static final int BITMAP_BYTES = 8;
    private static final int MAX_FIELD = 128;
    private static final int LLLVAR_MAX = 999;
    private static final IsoProfile INSTANCE = new IsoProfile();

    private final ProfileFactory factory = new ProfileFactory();
    private final Map<Mti, FieldParseInfo[]> guides = new EnumMap<>(Mti.class);

    private IsoProfile() {
        URL config = IsoProfile.class.getResource(CONFIG);
        if (config == null) {
            throw new IllegalStateException("missing " + CONFIG);
        }
        factory.setCharacterEncoding(StandardCharsets.ISO_8859_1.name());
        try {
            ConfigParser.configureFromUrl(factory, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONFIG, e);
        }
        factory.setCharacterEncoding(StandardCharsets.ISO_8859_1.name());
        factory.setUseBinaryMessages(true);
        factory.setUseBinaryBitmap(true);
        factory.setAssignDate(false);
        factory.setIgnoreLastMissingField(false);
        for (Mti mti : Mti.values()) {
            Map<Integer, FieldParseInfo> guide = factory.guide(mti.type());
            if (guide == null || factory.getMessageTemplate(mti.type()) == null) {
                throw new IllegalStateException(CONFIG + " has no template or parse guide for " + mti.code());
            }
            FieldParseInfo[] byField = new FieldParseInfo[MAX_FIELD + 1];
            guide.forEach((field, info) -> byField[field] = info);
            for (int field : mti.mandatoryFields()) {
                if (byField[field] == null) {
                    throw new IllegalStateException(CONFIG + " does not define mandatory field " + field + " of "
                            + mti.code());
                }
            }
            guides.put(mti, byField);
        }
        factory.freeze();
    }

    static IsoProfile get() {
        return INSTANCE;
    }

    com.solab.iso8583.IsoMessage newMessage(Mti mti) {
        return factory.newMessage(mti.type());
    }

    /** Parses a message that {@link #checkStructure} accepted; any j8583 failure is a {@link Reason#BAD_FIELD}. */
    com.solab.iso8583.IsoMessage parse(byte[] message) {
        com.solab.iso8583.IsoMessage parsed;
        try {
            parsed = factory.parseMessage(message, 0);
        } catch (java.text.ParseException | IOException | RuntimeException e) {
            throw new IsoFormatException(Reason.BAD_FIELD, 0, "unreadable message", e);
        }
        if (parsed == null) {
            throw new IsoFormatException(Reason.UNKNOWN_MTI, "no parse guide");
        }
        return parsed;
    }

    /** The field's definition in the MTI's parse guide, or {@code null} when the field is not allowed. */
    FieldParseInfo field(Mti mti, int field) {
        return field < 1 || field > MAX_FIELD ? null : guides.get(mti)[field];
    }

    /**
     * Reads the MTI, walks the bitmap and every field against the parse guide and returns the MTI. Checks that each
     * present field is allowed, complete, and well formed (BCD digits, printable text), that variable fields respect
     * their maximum, and that no bytes follow the last field.
     */
    Mti checkStructure(byte[] message) {
        if (message.length < MTI_BYTES) {
            throw new IsoFormatException(Reason.TRUNCATED, "no MTI");
        }
        Mti mti = Mti.fromBcd(message[0], message[1]);
        if (mti == null) {
            throw new IsoFormatException(Reason.UNKNOWN_MTI, "MTI is not part of the profile");
        }
        if (message.length < MTI_BYTES + BITMAP_BYTES) {
            throw new IsoFormatException(Reason.TRUNCATED, "primary bitmap incomplete");
        }
        boolean secondary = (message[MTI_BYTES] & 0x80) != 0;
        int bitmapBytes = secondary ? 2 * BITMAP_BYTES : BITMAP_BYTES;
        if (message.length < MTI_BYTES + bitmapBytes) {
            throw new IsoFormatException(Reason.TRUNCATED, "secondary bitmap incomplete");
        }
        int pos = MTI_BYTES + bitmapBytes;
        boolean anySecondaryField = false;
        for (int field = 2; field <= bitmapBytes * 8; field++) {
            int bit = field - 1;
            if ((message[MTI_BYTES + bit / 8] & (0x80 >>> (bit % 8))) == 0) {
                continue;
            }
            anySecondaryField |= field > 64;
            FieldParseInfo info = field(mti, field);
            if (info == null) {
                throw new IsoFormatException(Reason.BAD_FIELD, field, "not allowed in " + mti.code());
            }
            pos = checkField(message, pos, field, info);
        }
        if (secondary && !anySecondaryField) {
            throw new IsoFormatException(Reason.BAD_FIELD, 1, "secondary bitmap without secondary fields");
        }
        if (pos != message.length) {
            throw new IsoFormatException(Reason.BAD_LENGTH, (message.length - pos) + " bytes after the last field");
        }
        return mti;
    }

    private static int checkField(byte[] message, int pos, int field, FieldParseInfo info) {
        IsoType type = info.getType();
        int length = info.getLength();
        if (type == IsoType.NUMERIC) {
            int bytes = (length + 1) / 2;
            requireBytes(message, pos, bytes, field);
            if (!bcd(message, pos, bytes, length % 2 == 1)) {
                throw new IsoFormatException(Reason.BAD_FIELD, field, "not BCD digits");
            }
            return pos + bytes;
        }
        if (type == IsoType.ALPHA) {
            requireBytes(message, pos, length, field);
            requirePrintable(message, pos, length, field);
            return pos + length;
        }
        if (type == IsoType.BINARY) {
            requireBytes(message, pos, length, field);
            return pos + length;
        }
        if (type == IsoType.LLLVAR) {
            // Length header: 2 bytes BCD, the first nibble 0.
            requireBytes(message, pos, 2, field);
            if (!bcd(message, pos, 2, true)) {
                throw new IsoFormatException(Reason.BAD_FIELD, field, "length header is not BCD");
            }
            int valueLength = (message[pos] & 0x0f) * 100 + ((message[pos + 1] & 0xf0) >>> 4) * 10
                    + (message[pos + 1] & 0x0f);
            int limit = contentLimit(field);
            if (valueLength > limit) {
                throw new IsoFormatException(Reason.FIELD_TOO_LONG, field, "longer than " + limit);
            }
            requireBytes(message, pos + 2, valueLength, field);
            requirePrintable(message, pos + 2, valueLength, field);
            return pos + 2 + valueLength;
        }
        throw new IllegalStateException("type " + type + " is not used by the profile");
    }

    /**
     * The longest value of an LLLVAR field: 999 on the wire (j8583 keeps no maximum for LLLVAR), but a QR token in
     * field 48 is at most 400 characters.
     */
    private static int contentLimit(int field) {
        return field == 48 ? Fields.MAX_QR_TOKEN_LENGTH : LLLVAR_MAX;
    }

    private static void requireBytes(byte[] message, int pos, int count, int field) {
        if (message.length - pos < count) {
            throw new IsoFormatException(Reason.TRUNCATED, field, "ends before the field does");
        }
    }

    private static void requirePrintable(byte[] message, int pos, int count, int field) {
        for (int i = pos; i < pos + count; i++) {
            if (message[i] < 0x20 || message[i] > 0x7e) {
                throw new IsoFormatException(Reason.BAD_FIELD, field, "not printable ASCII");
            }
        }
    }

    /** True when every nibble is a decimal digit and, for an odd number of digits, the pad nibble is 0. */
    private static boolean bcd(byte[] message, int pos, int count, boolean leadingPad) {
        if (leadingPad && (message[pos] & 0xf0) != 0) {
            return false;
        }
        for (int i = pos; i < pos + count; i++) {
            if ((message[i] & 0xf0) > 0x90 || (message[i] & 0x0f) > 0x09) {
                return false;
            }
        }
        return true;
    }

    /** Exposes the parse guides, which {@link MessageFactory} keeps protected. */
    private static final class ProfileFactory extends MessageFactory<com.solab.iso8583.IsoMessage> {

        Map<Integer, FieldParseInfo> guide(int type) {
            return parseMap.get(type);
        }
    }
}
