package io.branchlink.protocol.iso8583;

import com.solab.iso8583.IsoType;
import com.solab.iso8583.IsoValue;
import io.branchlink.protocol.iso8583.IsoFormatException.Reason;
import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns {@link IsoMessage} records into unframed ISO 8583 messages with their AES-CMAC and back, per
 * {@code docs/protocols/iso8583.md}. Pure functions: no I/O, no clock; keys and the reference time are arguments.
 *
 * @see io.branchlink.protocol.iso8583.Iso8583CodecTests
 */
public final class Iso8583Codec {

    /** Field 90: original MTI n4 + STAN n6 + transmission n10 + acquirer n11 + forwarder n11. */
    private static final int ORIGINAL_DATA_DIGITS = 42;
    /** Field 95: actual amount n12, then 30 zeros (settlement amount and fees unused). */
    private static final int REPLACEMENT_AMOUNTS_LENGTH = 42;
    private static final String THIRTY_ZEROS = "0".repeat(30);

    private Iso8583Codec() {
    }

    /** Packs the message and fills its MAC field (64 or 128) with the CMAC under the terminal's key. */
    public static byte[] encode(IsoMessage message, MacKey key) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(key, "key");
        com.solab.iso8583.IsoMessage m = IsoProfile.get().newMessage(message.mti());
        if (message instanceof FinancialRequest r) {
            putTransaction(m, r.kind(), r.amount(), r.transmittedAt(), r.stan(), r.localDateTime(), r.rrn(),
                    r.terminalId(), r.branchId());
            m.setValue(48, r.qrToken(), IsoType.LLLVAR, 0);
        } else if (message instanceof FinancialResponse r) {
            putTransaction(m, r.kind(), r.amount(), r.transmittedAt(), r.stan(), r.localDateTime(), r.rrn(),
                    r.terminalId(), r.branchId());
            if (r.authorizationCode() != null) {
                m.setValue(38, r.authorizationCode(), IsoType.ALPHA, 6);
            }
            m.setValue(39, r.responseCode().code(), IsoType.ALPHA, 2);
        } else if (message instanceof FinancialAdvice r) {
            putTransaction(m, r.kind(), r.kept(), r.transmittedAt(), r.stan(), r.localDateTime(), r.rrn(),
                    r.terminalId(), r.branchId());
            m.setValue(48, r.qrToken(), IsoType.LLLVAR, 0);
            putOriginal(m, r.original());
        } else if (message instanceof FinancialAdviceResponse r) {
            putTransaction(m, r.kind(), r.kept(), r.transmittedAt(), r.stan(), r.localDateTime(), r.rrn(),
                    r.terminalId(), r.branchId());
            putOriginal(m, r.original());
            m.setValue(39, r.responseCode().code(), IsoType.ALPHA, 2);
        } else if (message instanceof ReversalAdvice r) {
            putReversal(m, r);
        } else if (message instanceof ReversalResponse r) {
            putReversal(m, r.advice());
            m.setValue(39, r.responseCode().code(), IsoType.ALPHA, 2);
        } else if (message instanceof NetworkRequest r) {
            putNetwork(m, r);
        } else if (message instanceof NetworkResponse r) {
            putNetwork(m, r.request());
            m.setValue(39, r.responseCode().code(), IsoType.ALPHA, 2);
        }
        byte[] bytes = m.writeData();
        int macOffset = bytes.length - IsoMac.BYTES;
        System.arraycopy(IsoMac.compute(key, bytes, 0, macOffset), 0, bytes, macOffset, IsoMac.BYTES);
        return bytes;
    }

    /**
     * Reads and checks one unframed message: structure, mandatory fields, field values and the MAC under the key of
     * the terminal in field 41.
     *
     * @param keys the MAC key of a terminal id, or empty for a terminal that is not configured
     * @param reference a time near the transmission, usually when the message arrived; fields 7, 12, 13 and 90
     *     carry no year, so the year that puts them nearest to it is taken
     * @throws IsoFormatException for anything that is not a valid, authentic message of the profile
     */
    public static IsoMessage decode(byte[] message, Function<String, Optional<MacKey>> keys, Instant reference) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(reference, "reference");
        IsoProfile profile = IsoProfile.get();
        Mti mti = profile.checkStructure(message);
        com.solab.iso8583.IsoMessage m = profile.parse(message);
        requireFields(m, mti);

        String terminalId = check(41, text(m, 41), Fields::terminalId);
        MacKey key = keys.apply(terminalId).orElseThrow(
                () -> new IsoFormatException(Reason.UNKNOWN_TERMINAL, 41, "no MAC key for the terminal"));
        if (!IsoMac.matches(key, message)) {
            IsoMessage unauthenticated;
            try {
                unauthenticated = switchOn(mti, m, terminalId, reference);
            } catch (IllegalArgumentException | IsoFormatException e) {
                unauthenticated = null;
            }
            throw IsoFormatException.badMac(mti.macField(), unauthenticated);
        }
        try {
            return switchOn(mti, m, terminalId, reference);
        } catch (IllegalArgumentException e) {
            throw new IsoFormatException(Reason.BAD_FIELD, 0, "inconsistent fields", e);
        }
    }

    /**
     * The answer to a request that is well formed and authentic but refused for its content (a mandatory field
     * missing, a field value the profile does not accept): the response MTI (0210, 0430 or 0810) with the fields the
     * request carried that the response echoes, copied as received, field 39 = {@code code}, and the MAC under the
     * terminal's key. The answer is given only when the request's structure is readable (MTI of a request, bitmaps,
     * every field complete, BCD digits, printable text, no trailing bytes), field 41 names a terminal with a key, and
     * the request's MAC field is present and verifies; anything less is never answered.
     *
     * @return the encoded answer, or empty when the request cannot be answered
     */
    public static Optional<byte[]> refusal(byte[] message, Function<String, Optional<MacKey>> keys,
            IsoResponseCode code) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(code, "code");
        IsoProfile profile = IsoProfile.get();
        Mti mti;
        com.solab.iso8583.IsoMessage m;
        String terminalId;
        try {
            mti = profile.checkStructure(message);
            m = profile.parse(message);
            terminalId = m.hasField(41) ? check(41, text(m, 41), Fields::terminalId) : null;
        } catch (IsoFormatException e) {
            return Optional.empty();
        }
        Mti response = switch (mti) {
            case FINANCIAL_REQUEST -> Mti.FINANCIAL_RESPONSE;
            case FINANCIAL_ADVICE -> Mti.FINANCIAL_ADVICE_RESPONSE;
            case REVERSAL_ADVICE -> Mti.REVERSAL_RESPONSE;
            case NETWORK_REQUEST -> Mti.NETWORK_RESPONSE;
            default -> null;
        };
        Optional<MacKey> key = terminalId == null ? Optional.empty() : keys.apply(terminalId);
        if (response == null || key.isEmpty() || !m.hasField(mti.macField()) || !IsoMac.matches(key.get(), message)) {
            return Optional.empty();
        }
        com.solab.iso8583.IsoMessage answer = profile.newMessage(response);
        for (int field : response.mandatoryFields()) {
            if (field != 39 && field != response.macField() && m.hasField(field)) {
                answer.setField(field, m.getField(field).clone());
            }
        }
        answer.setValue(39, code.code(), IsoType.ALPHA, 2);
        byte[] bytes = answer.writeData();
        int macOffset = bytes.length - IsoMac.BYTES;
        System.arraycopy(IsoMac.compute(key.get(), bytes, 0, macOffset), 0, bytes, macOffset, IsoMac.BYTES);
        return Optional.of(bytes);
    }

    private static IsoMessage switchOn(Mti mti, com.solab.iso8583.IsoMessage m, String terminalId,
            Instant reference) {
        Instant transmittedAt = transmission(m, reference);
        int stan = (int) number(m, 11);
        String branchId = branchId(m);
        switch (mti) {
            case FINANCIAL_REQUEST: {
                String token = m.getObjectValue(48);
                return new FinancialRequest(kind(m), amount(m, 4, false), transmittedAt, stan,
                        local(m, transmittedAt), rrn(m), terminalId, branchId, token);
            }
            case FINANCIAL_RESPONSE: {
                IsoResponseCode code = responseCode(m);
                String authorization = null;
                if (code.approved()) {
                    if (!m.hasField(38)) {
                        throw new IsoFormatException(Reason.MISSING_FIELD, 38, "required on approval");
                    }
                    authorization = check(38, text(m, 38), Fields::authorizationCode);
                } else if (m.hasField(38)) {
                    throw new IsoFormatException(Reason.BAD_FIELD, 38, "only sent on approval");
                }
                return new FinancialResponse(kind(m), amount(m, 4, false), transmittedAt, stan,
                        local(m, transmittedAt), rrn(m), terminalId, branchId, code, authorization);
            }
            case FINANCIAL_ADVICE: {
                String token = m.getObjectValue(48);
                return new FinancialAdvice(deposit(m), amount(m, 4, false), transmittedAt, stan,
                        local(m, transmittedAt), rrn(m), terminalId, branchId, check(48, token, Fields::qrToken),
                        original(m, transmittedAt));
            }
            case FINANCIAL_ADVICE_RESPONSE:
                return new FinancialAdviceResponse(deposit(m), amount(m, 4, false), transmittedAt, stan,
                        local(m, transmittedAt), rrn(m), terminalId, branchId, original(m, transmittedAt),
                        responseCode(m));
            case REVERSAL_ADVICE:
                return reversal(m, transmittedAt, stan, terminalId, branchId);
            case REVERSAL_RESPONSE:
                return new ReversalResponse(reversal(m, transmittedAt, stan, terminalId, branchId),
                        responseCode(m));
            case NETWORK_REQUEST:
                return network(m, transmittedAt, stan, terminalId, branchId);
            case NETWORK_RESPONSE:
                return new NetworkResponse(network(m, transmittedAt, stan, terminalId, branchId),
                        responseCode(m));
            default:
                throw new IsoFormatException(Reason.UNKNOWN_MTI, "MTI is not part of the profile");
        }
    }

    private static void putTransaction(com.solab.iso8583.IsoMessage m, TransactionKind kind, Money amount,
            Instant transmittedAt, int stan, LocalDateTime local, String rrn, String terminalId, String branchId) {
        m.setValue(3, (long) kind.processingCode(), IsoType.NUMERIC, 6);
        m.setValue(4, amount.minorUnits(), IsoType.NUMERIC, 12);
        m.setValue(7, Fields.transmission(transmittedAt), IsoType.NUMERIC, 10);
        m.setValue(11, (long) stan, IsoType.NUMERIC, 6);
        m.setValue(12, Fields.localTime(local), IsoType.NUMERIC, 6);
        m.setValue(13, Fields.localDate(local), IsoType.NUMERIC, 4);
        m.setValue(37, rrn, IsoType.ALPHA, 12);
        m.setValue(41, terminalId, IsoType.ALPHA, 8);
        m.setValue(42, branchId, IsoType.ALPHA, Fields.BRANCH_ID_LENGTH);
        m.setValue(49, (long) Fields.numericCurrency(amount.currency()), IsoType.NUMERIC, 3);
    }

    private static void putReversal(com.solab.iso8583.IsoMessage m, ReversalAdvice r) {
        putTransaction(m, r.kind(), r.originalAmount(), r.transmittedAt(), r.stan(), r.localDateTime(), r.rrn(),
                r.terminalId(), r.branchId());
        putOriginal(m, r.original());
        m.setValue(95, String.format("%012d", r.dispensedAmount().minorUnits()) + THIRTY_ZEROS, IsoType.ALPHA,
                REPLACEMENT_AMOUNTS_LENGTH);
    }

    /** Field 90: original MTI 0200, its STAN and transmission time, zero institution ids. */
    private static void putOriginal(com.solab.iso8583.IsoMessage m, OriginalTransaction original) {
        String originalData = Mti.FINANCIAL_REQUEST.code()
                + String.format("%06d%010d", original.stan(), Fields.transmission(original.transmittedAt()))
                + "0".repeat(22);
        m.setValue(90, originalData, IsoType.NUMERIC, ORIGINAL_DATA_DIGITS);
    }

    private static void putNetwork(com.solab.iso8583.IsoMessage m, NetworkRequest r) {
        m.setValue(7, Fields.transmission(r.transmittedAt()), IsoType.NUMERIC, 10);
        m.setValue(11, (long) r.stan(), IsoType.NUMERIC, 6);
        m.setValue(41, r.terminalId(), IsoType.ALPHA, 8);
        m.setValue(42, r.branchId(), IsoType.ALPHA, Fields.BRANCH_ID_LENGTH);
        m.setValue(70, (long) r.code().code(), IsoType.NUMERIC, 3);
    }

    private static ReversalAdvice reversal(com.solab.iso8583.IsoMessage m, Instant transmittedAt, int stan,
            String terminalId, String branchId) {
        Money original = amount(m, 4, false);
        String replacement = text(m, 95);
        if (replacement.length() != REPLACEMENT_AMOUNTS_LENGTH || !replacement.endsWith(THIRTY_ZEROS)
                || !replacement.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IsoFormatException(Reason.BAD_FIELD, 95, "must be 12 digits then 30 zeros");
        }
        Money dispensed = new Money(Long.parseLong(replacement.substring(0, 12)), original.currency());
        if (dispensed.minorUnits() >= original.minorUnits()) {
            throw new IsoFormatException(Reason.BAD_FIELD, 95, "dispensed amount not below the original amount");
        }
        return new ReversalAdvice(kind(m), original, dispensed, transmittedAt, stan, local(m, transmittedAt),
                rrn(m), terminalId, branchId, original(m, transmittedAt));
    }

    private static OriginalTransaction original(com.solab.iso8583.IsoMessage m, Instant transmittedAt) {
        String data = digits(m, 90, ORIGINAL_DATA_DIGITS);
        if (!data.startsWith(Mti.FINANCIAL_REQUEST.code()) || !data.endsWith("0".repeat(22))) {
            throw new IsoFormatException(Reason.BAD_FIELD, 90, "original MTI must be 0200, institution ids zero");
        }
        int originalStan = Integer.parseInt(data.substring(4, 10));
        Instant originalAt = Fields.transmission(Long.parseLong(data.substring(10, 20)), transmittedAt);
        if (originalAt == null) {
            throw new IsoFormatException(Reason.BAD_FIELD, 90, "original transmission time is not a date");
        }
        return new OriginalTransaction(originalStan, originalAt);
    }

    /** Field 3 of an advice: only deposits are advised. */
    private static TransactionKind deposit(com.solab.iso8583.IsoMessage m) {
        TransactionKind kind = kind(m);
        if (kind != TransactionKind.DEPOSIT) {
            throw new IsoFormatException(Reason.BAD_FIELD, 3, "an advice is sent for deposits only");
        }
        return kind;
    }

    private static NetworkRequest network(com.solab.iso8583.IsoMessage m, Instant transmittedAt, int stan,
            String terminalId, String branchId) {
        NetworkCode code = NetworkCode.fromCode(number(m, 70));
        if (code == null) {
            throw new IsoFormatException(Reason.BAD_FIELD, 70, "unknown network management code");
        }
        return new NetworkRequest(code, transmittedAt, stan, terminalId, branchId);
    }

    private static void requireFields(com.solab.iso8583.IsoMessage m, Mti mti) {
        for (int field = 2; field <= 128; field++) {
            if (mti.mandatoryFields().contains(field) && !m.hasField(field)) {
                throw new IsoFormatException(Reason.MISSING_FIELD, field, "required in " + mti.code());
            }
        }
    }

    private static TransactionKind kind(com.solab.iso8583.IsoMessage m) {
        TransactionKind kind = TransactionKind.fromProcessingCode(number(m, 3));
        if (kind == null) {
            throw new IsoFormatException(Reason.BAD_FIELD, 3, "unknown processing code");
        }
        return kind;
    }

    private static Money amount(com.solab.iso8583.IsoMessage m, int field, boolean zeroAllowed) {
        Currency currency = Fields.currency((int) number(m, 49));
        if (currency == null) {
            throw new IsoFormatException(Reason.BAD_FIELD, 49, "unknown currency");
        }
        long minor = number(m, field);
        if (minor < (zeroAllowed ? 0 : 1)) {
            throw new IsoFormatException(Reason.BAD_FIELD, field, "amount must be positive");
        }
        return new Money(minor, currency);
    }

    private static Instant transmission(com.solab.iso8583.IsoMessage m, Instant reference) {
        Instant at = Fields.transmission(number(m, 7), reference);
        if (at == null) {
            throw new IsoFormatException(Reason.BAD_FIELD, 7, "not a date and time");
        }
        return at;
    }

    private static LocalDateTime local(com.solab.iso8583.IsoMessage m, Instant transmittedAt) {
        LocalDateTime local = Fields.local(number(m, 13), number(m, 12),
                LocalDateTime.ofInstant(transmittedAt, ZoneOffset.UTC));
        if (local == null) {
            throw new IsoFormatException(Reason.BAD_FIELD, 13, "fields 12 and 13 are not a date and time");
        }
        return local;
    }

    private static String rrn(com.solab.iso8583.IsoMessage m) {
        return check(37, text(m, 37), Fields::rrn);
    }

    private static String branchId(com.solab.iso8583.IsoMessage m) {
        String padded = text(m, 42);
        return check(42, padded.stripTrailing(), Fields::branchId);
    }

    private static IsoResponseCode responseCode(com.solab.iso8583.IsoMessage m) {
        return IsoResponseCode.fromCode(text(m, 39))
                .orElseThrow(() -> new IsoFormatException(Reason.BAD_FIELD, 39, "unknown response code"));
    }

    private static long number(com.solab.iso8583.IsoMessage m, int field) {
        Object value = value(m, field);
        if (value instanceof Number n && value.toString().length() <= 18) {
            return n.longValue();
        }
        throw new IsoFormatException(Reason.BAD_FIELD, field, "not a number");
    }

    private static String digits(com.solab.iso8583.IsoMessage m, int field, int length) {
        String value = value(m, field).toString();
        if (value.length() > length || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IsoFormatException(Reason.BAD_FIELD, field, "not " + length + " digits");
        }
        return "0".repeat(length - value.length()) + value;
    }

    private static String text(com.solab.iso8583.IsoMessage m, int field) {
        return value(m, field).toString();
    }

    private static Object value(com.solab.iso8583.IsoMessage m, int field) {
        IsoValue<Object> value = m.getField(field);
        if (value == null || value.getValue() == null) {
            throw new IsoFormatException(Reason.MISSING_FIELD, field, "absent");
        }
        return value.getValue();
    }

    private static String check(int field, String value, Function<String, String> rule) {
        try {
            return rule.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IsoFormatException(Reason.BAD_FIELD, field, e.getMessage());
        }
    }
}
