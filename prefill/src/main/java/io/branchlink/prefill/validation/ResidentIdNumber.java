package io.branchlink.prefill.validation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a mainland resident ID number as GB 11643-1999 defines it: 6 digits of administrative region, 8 of
 * birth date (yyyyMMdd), 3 of sequence and an ISO 7064 MOD 11-2 check character (0-9 or X).
 *
 * @see io.branchlink.prefill.validation.ResidentIdNumberTests
 */
public final class ResidentIdNumber {

    /** Weights 2^(17-i) mod 11 for positions 1..17, ISO 7064 MOD 11-2. */
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** The check character for each remainder 0..10. */
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    /** The first two digits: provinces, autonomous regions and municipalities (GB/T 2260), Taiwan, HK, Macao. */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82", "83");

    /** The reasons a number is refused. */
    public enum Problem { FORMAT, REGION, BIRTH_DATE, CHECK_DIGIT }

    private ResidentIdNumber() {
    }

    /** The check character that the first 17 digits call for. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /**
     * @param today the date a birth date may not be after
     * @return the first problem found, or empty for a plausible number
     */
    public static Optional<Problem> check(String number, LocalDate today) {
        if (number == null || !number.matches("[0-9]{17}[0-9Xx]")) {
            return Optional.of(Problem.FORMAT);
        }
        if (!PROVINCES.contains(number.substring(0, 2))) {
            return Optional.of(Problem.REGION);
        }
        try {
            LocalDate birth = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                    Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
            if (birth.getYear() < 1900 || birth.isAfter(today)) {
                return Optional.of(Problem.BIRTH_DATE);
            }
        } catch (DateTimeException e) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (Character.toUpperCase(number.charAt(17)) != checkCharacter(number.substring(0, 17))) {
            return Optional.of(Problem.CHECK_DIGIT);
        }
        return Optional.empty();
    }
}
