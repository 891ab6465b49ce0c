package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.money.Money;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Value rules and conversions for the profile's fields, shared by the records and the codec. */
final class Fields {

    /** Field 4 is n12. */
    static final long MAX_AMOUNT = 999_999_999_999L;
    /** Field 11 is n6. */
    static final int MAX_STAN = 999_999;
    /** Longest token text accepted in field 48; the same limit as {@code QrTokenCodec.MAX_TEXT_LENGTH}. */
    static final int MAX_QR_TOKEN_LENGTH = 400;
    static final int BRANCH_ID_LENGTH = 15;

    private static final Pattern TERMINAL_ID = Pattern.compile("[A-Za-z0-9]{8}");
    private static final Pattern BRANCH_ID = Pattern.compile("[A-Za-z0-9]{1,15}");
    private static final Pattern RRN = Pattern.compile("[A-Za-z0-9]{12}");
    private static final Pattern AUTH_CODE = Pattern.compile("[A-Za-z0-9]{6}");

    /** ISO 4217 numeric code to currency, leaving out codes that more than one currency claims. */
    private static final Map<Integer, Currency> CURRENCIES = currenciesByNumericCode();

    private Fields() {
    }

    static String terminalId(String value) {
        return require(value, TERMINAL_ID, "terminal id must be 8 characters A-Z, a-z, 0-9");
    }

    static String branchId(String value) {
        return require(value, BRANCH_ID, "branch id must be 1-15 characters A-Z, a-z, 0-9");
    }

    static String rrn(String value) {
        return require(value, RRN, "RRN must be 12 characters A-Z, a-z, 0-9");
    }

    static String authorizationCode(String value) {
        return require(value, AUTH_CODE, "authorization code must be 6 characters A-Z, a-z, 0-9");
    }

    static int stan(int value) {
        if (value < 0 || value > MAX_STAN) {
            throw new IllegalArgumentException("STAN must be 0-999999");
        }
        return value;
    }

    static String qrToken(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_QR_TOKEN_LENGTH || !printable(value)) {
            throw new IllegalArgumentException("QR token must be 1-" + MAX_QR_TOKEN_LENGTH + " printable ASCII characters");
        }
        return value;
    }

    /** An amount that fits field 4 in a currency field 49 can name unambiguously. */
    static Money amount(Money value, boolean zeroAllowed) {
        if (value == null) {
            throw new IllegalArgumentException("amount is required");
        }
        if (value.minorUnits() < (zeroAllowed ? 0 : 1) || value.minorUnits() > MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be " + (zeroAllowed ? "0" : "1") + "-" + MAX_AMOUNT
                    + " minor units");
        }
        numericCurrency(value.currency());
        return value;
    }

    static int numericCurrency(Currency currency) {
        int code = currency.getNumericCode();
        if (!currency.equals(CURRENCIES.get(code))) {
            throw new IllegalArgumentException("currency has no unambiguous ISO 4217 numeric code: " + currency);
        }
        return code;
    }

    /** The currency with this ISO 4217 numeric code, or {@code null}. */
    static Currency currency(int numericCode) {
        return CURRENCIES.get(numericCode);
    }

    static Instant seconds(Instant value) {
        if (value == null) {
            throw new IllegalArgumentException("transmission time is required");
        }
        return value.truncatedTo(ChronoUnit.SECONDS);
    }

    static LocalDateTime seconds(LocalDateTime value) {
        if (value == null) {
            throw new IllegalArgumentException("local date and time are required");
        }
        return value.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Field 7 (and the time inside field 90): MMDDhhmmss in UTC. */
    static long transmission(Instant value) {
        LocalDateTime utc = LocalDateTime.ofInstant(value, ZoneOffset.UTC);
        return utc.getMonthValue() * 100_000_000L + utc.getDayOfMonth() * 1_000_000L + utc.getHour() * 10_000L
                + utc.getMinute() * 100L + utc.getSecond();
    }

    /**
     * Reads MMDDhhmmss, taking the year that puts it nearest to {@code reference}; {@code null} when no year makes it
     * a valid date and time.
     */
    static Instant transmission(long mmddhhmmss, Instant reference) {
        LocalDateTime local = nearest((int) (mmddhhmmss / 1_000_000L), (int) (mmddhhmmss % 1_000_000L),
                LocalDateTime.ofInstant(reference, ZoneOffset.UTC));
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }

    /** Field 12: hhmmss. */
    static long localTime(LocalDateTime value) {
        return value.getHour() * 10_000L + value.getMinute() * 100L + value.getSecond();
    }

    /** Field 13: MMDD. */
    static long localDate(LocalDateTime value) {
        return value.getMonthValue() * 100L + value.getDayOfMonth();
    }

    /** Reads fields 13 and 12 together, taking the year nearest to {@code reference}; {@code null} when invalid. */
    static LocalDateTime local(long mmdd, long hhmmss, LocalDateTime reference) {
        return nearest((int) mmdd, (int) hhmmss, reference);
    }

    private static LocalDateTime nearest(int mmdd, int hhmmss, LocalDateTime reference) {
        int month = mmdd / 100;
        int day = mmdd % 100;
        LocalTime time;
        try {
            time = LocalTime.of(hhmmss / 10_000, hhmmss / 100 % 100, hhmmss % 100);
        } catch (DateTimeException e) {
            return null;
        }
        LocalDateTime best = null;
        long bestDistance = Long.MAX_VALUE;
        for (int year = reference.getYear() - 1; year <= reference.getYear() + 1; year++) {
            LocalDateTime candidate;
            try {
                candidate = LocalDate.of(year, month, day).atTime(time);
            } catch (DateTimeException e) {
                continue;
            }
            long distance = Math.abs(ChronoUnit.SECONDS.between(reference, candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String require(String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(rule);
        }
        return value;
    }

    private static Map<Integer, Currency> currenciesByNumericCode() {
        Map<Integer, Currency> byCode = new HashMap<>();
        Set<Integer> shared = new HashSet<>();
        for (Currency currency : Currency.getAvailableCurrencies()) {
            int code = currency.getNumericCode();
            if (code <= 0 || currency.getDefaultFractionDigits() < 0) {
                continue;
            }
            if (byCode.putIfAbsent(code, currency) != null) {
                shared.add(code);
            }
        }
        shared.forEach(byCode::remove);
        return Collections.unmodifiableMap(byCode);
    }
}
