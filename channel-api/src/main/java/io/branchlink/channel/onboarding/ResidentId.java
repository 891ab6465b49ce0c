package io.branchlink.channel.onboarding;

import io.branchlink.prefill.validation.ResidentIdNumber;
import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;
import java.util.Optional;

/**
 * A mainland resident ID number that passed GB 11643-1999 (region, birth date, ISO 7064 MOD 11-2 check character,
 * through {@link ResidentIdNumber}), with the birth date it carries. Its text is a personal identifier:
 * {@link #toString()} shows the last four characters only, and nothing here logs it.
 *
 * @see io.branchlink.channel.onboarding.ResidentIdTests
 */
public final class ResidentId {

    /** The longest text {@link #parse} reads; anything longer is refused before it is looked at. */
    public static final int LENGTH = 18;

    private final String number;
    private final LocalDate birthDate;

    private ResidentId(String number, LocalDate birthDate) {
        this.number = number;
        this.birthDate = birthDate;
    }

    /**
     * Reads a resident ID number; a lower-case {@code x} check character is read as {@code X}.
     *
     * @param today the date the birth date may not be after
     */
    public static Parsed parse(String text, LocalDate today) {
        if (text == null || text.length() != LENGTH) {
            return new Parsed(null, ResidentIdNumber.Problem.FORMAT);
        }
        String number = text.toUpperCase(Locale.ROOT);
        Optional<ResidentIdNumber.Problem> problem = ResidentIdNumber.check(number, today);
        if (problem.isPresent()) {
            return new Parsed(null, problem.get());
        }
        LocalDate birth = LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
        return new Parsed(new ResidentId(number, birth), null);
    }

    /** The 18 characters, upper case; for the identity provider and the keyed hash, never for a log. */
    public String number() {
        return number;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** Age in whole years on {@code day}; someone born on 29 February turns a year older on 1 March. */
    public int ageOn(LocalDate day) {
        return Period.between(birthDate, day).getYears();
    }

    /** The last four characters, which the customer sees to know which ID card is on file. */
    public String last4() {
        return number.substring(LENGTH - 4);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResidentId id && id.number.equals(number);
    }

    @Override
    public int hashCode() {
        return number.hashCode();
    }

    @Override
    public String toString() {
        return "ResidentId[**************" + last4() + "]";
    }

    /** What {@link #parse} found: the number, or the first problem with it. */
    public record Parsed(ResidentId id, ResidentIdNumber.Problem problem) {

        public boolean valid() {
            return id != null;
        }

        /** The problem in words for the customer. */
        public String explanation() {
            if (problem == null) {
                return null;
            }
            return switch (problem) {
                case FORMAT -> "must be 17 digits followed by a digit or X";
                case REGION -> "does not start with a known region code";
                case BIRTH_DATE -> "does not hold a valid birth date";
                case CHECK_DIGIT -> "has a wrong check digit: check the number on the ID card";
            };
        }
    }
}
