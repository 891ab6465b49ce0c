package io.branchlink.protocol.rc;

import io.branchlink.protocol.iso8583.IsoFormatException;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one place where internal results ({@link Irc}) become ISO 8583 field 39 codes and back, read from an
 * {@code IRC_NAME=RC,text} table because field 39 meanings differ by network. The table must map every {@link Irc}.
 *
 * @see io.branchlink.protocol.rc.IsoResponseCodesTests
 */
public final class IsoResponseCodes {

    /** The BranchLink network's table, on the classpath next to this class. */
    public static final String STANDARD_TABLE = "iso-response-codes.properties";

    private static final IsoResponseCodes STANDARD = loadStandard();

    private final Map<Irc, IsoResponseCode> codes;
    private final Map<Irc, String> texts;
    private final Map<IsoResponseCode, Irc> reverse;

    private IsoResponseCodes(Map<Irc, IsoResponseCode> codes, Map<Irc, String> texts,
            Map<IsoResponseCode, Irc> reverse) {
        this.codes = Collections.unmodifiableMap(codes);
        this.texts = Collections.unmodifiableMap(texts);
        this.reverse = Collections.unmodifiableMap(reverse);
    }

    /** The table shipped in {@value #STANDARD_TABLE}. */
    public static IsoResponseCodes standard() {
        return STANDARD;
    }

    /**
     * Reads a table: one {@code IRC_NAME=RC,text} per line, {@code #} comments and blank lines ignored.
     *
     * @throws IllegalArgumentException for a malformed line, an unknown Irc or field 39 code, a duplicate, or an
     *     Irc without a line
     */
    public static IsoResponseCodes read(Reader table) throws IOException {
        Map<Irc, IsoResponseCode> codes = new EnumMap<>(Irc.class);
        Map<Irc, String> texts = new EnumMap<>(Irc.class);
        Map<IsoResponseCode, Irc> reverse = new EnumMap<>(IsoResponseCode.class);
        BufferedReader lines = new BufferedReader(table);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            int comma = trimmed.indexOf(',', equals + 1);
            if (equals < 1 || comma < 0) {
                throw new IllegalArgumentException("line " + number + ": expected IRC_NAME=RC,text");
            }
            Irc irc;
            try {
                irc = Irc.valueOf(trimmed.substring(0, equals).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": unknown Irc");
            }
            String rc = trimmed.substring(equals + 1, comma).strip();
            int lineNumber = number;
            IsoResponseCode code = IsoResponseCode.fromCode(rc).orElseThrow(
                    () -> new IllegalArgumentException("line " + lineNumber + ": unknown field 39 code " + rc));
            if (codes.put(irc, code) != null) {
                throw new IllegalArgumentException("line " + number + ": " + irc + " mapped twice");
            }
            texts.put(irc, trimmed.substring(comma + 1).strip());
            reverse.putIfAbsent(code, irc);
        }
        for (Irc irc : Irc.values()) {
            if (!codes.containsKey(irc)) {
                throw new IllegalArgumentException("no field 39 code for " + irc);
            }
        }
        return new IsoResponseCodes(codes, texts, reverse);
    }

    /** The field 39 code to send for a result. */
    public IsoResponseCode responseCode(Irc irc) {
        return codes.get(Objects.requireNonNull(irc, "irc"));
    }

    /** The table's text for a result. */
    public String text(Irc irc) {
        return texts.get(Objects.requireNonNull(irc, "irc"));
    }

    /**
     * The result a received field 39 code stands for: the first Irc the table maps to it, and {@link
     * Irc#DO_NOT_HONOUR} for a code no line names.
     */
    public Irc irc(IsoResponseCode code) {
        return reverse.getOrDefault(Objects.requireNonNull(code, "code"), Irc.DO_NOT_HONOUR);
    }

    /** As {@link #irc(IsoResponseCode)} for the raw two characters; a code outside the profile is a decline. */
    public Irc irc(String field39) {
        return IsoResponseCode.fromCode(field39).map(this::irc).orElse(Irc.DO_NOT_HONOUR);
    }

    /**
     * The result for a message the hub could not accept: {@code BAD_MAC} and {@code UNKNOWN_TERMINAL} are security
     * violations, a missing field is {@code MISSING_FIELD}, anything else a {@code FORMAT_ERROR}.
     */
    public static Irc irc(IsoFormatException.Reason reason) {
        switch (Objects.requireNonNull(reason, "reason")) {
            case BAD_MAC:
            case UNKNOWN_TERMINAL:
                return Irc.SECURITY_VIOLATION;
            case MISSING_FIELD:
                return Irc.MISSING_FIELD;
            default:
                return Irc.FORMAT_ERROR;
        }
    }

    private static IsoResponseCodes loadStandard() {
        try (InputStream in = IsoResponseCodes.class.getResourceAsStream(STANDARD_TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + STANDARD_TABLE);
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
