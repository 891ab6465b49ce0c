package io.branchlink.channel.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.prefill.validation.ResidentIdNumber;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    /** The GB 11643-1999 worked example: 11010519491231002 calls for check character X. */
    private static final String EXAMPLE = "11010519491231002X";

    @Nested
    class Valid {

        @Test
        void readsTheStandardsExampleWithItsXCheckCharacter() {
            ResidentId.Parsed parsed = ResidentId.parse(EXAMPLE, TODAY);

            assertThat(parsed.valid()).isTrue();
            assertThat(parsed.id().number()).isEqualTo(EXAMPLE);
            assertThat(parsed.id().birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
            assertThat(parsed.id().last4()).isEqualTo("002X");
        }

        @Test
        void readsALowerCaseXAsUpperCase() {
            ResidentId.Parsed parsed = ResidentId.parse(EXAMPLE.toLowerCase(), TODAY);

            assertThat(parsed.id().number()).isEqualTo(EXAMPLE);
        }

        @Test
        void readsADigitCheckCharacter() {
            // by hand: the weighted sum of 44030419900307124 is 246, 246 mod 11 = 4, which calls for 8
            ResidentId.Parsed parsed = ResidentId.parse("440304199003071248", TODAY);

            assertThat(parsed.valid()).isTrue();
            assertThat(parsed.id().birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
            assertThat(ResidentId.parse("440304199003071247", TODAY).problem())
                    .isEqualTo(ResidentIdNumber.Problem.CHECK_DIGIT);
        }

        @Test
        void neverShowsTheNumberInToString() {
            assertThat(ResidentId.parse(EXAMPLE, TODAY).id().toString()).doesNotContain("110105")
                    .endsWith("002X]");
        }
    }

    @Nested
    class Refused {

        @ParameterizedTest
        @ValueSource(strings = {"110105194912310021", "110105194912310020", "11010519491231002Y"})
        void refusesAWrongCheckCharacter(String number) {
            ResidentId.Parsed parsed = ResidentId.parse(number, TODAY);

            assertThat(parsed.valid()).isFalse();
            assertThat(parsed.problem()).isIn(ResidentIdNumber.Problem.CHECK_DIGIT, ResidentIdNumber.Problem.FORMAT);
            assertThat(parsed.explanation()).isNotBlank();
        }

        @Test
        void refusesASingleDigitChangeThroughTheCheckCharacter() {
            String changed = "11010519491231003X";

            assertThat(ResidentId.parse(changed, TODAY).problem()).isEqualTo(ResidentIdNumber.Problem.CHECK_DIGIT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "11010519491231002", "11010519491231002XX", "1101051949123100 X",
                "１10105194912310021"})
        void refusesWrongLengthsAndCharacters(String number) {
            assertThat(ResidentId.parse(number, TODAY).problem()).isEqualTo(ResidentIdNumber.Problem.FORMAT);
        }

        @Test
        void refusesNull() {
            assertThat(ResidentId.parse(null, TODAY).problem()).isEqualTo(ResidentIdNumber.Problem.FORMAT);
        }

        @Test
        void refusesAnUnknownRegion() {
            String first17 = "99010519491231002";

            assertThat(ResidentId.parse(first17 + ResidentIdNumber.checkCharacter(first17), TODAY).problem())
                    .isEqualTo(ResidentIdNumber.Problem.REGION);
        }

        @ParameterizedTest
        @ValueSource(strings = {"11010519490231002", "11010520270101002", "11010518991231002"})
        void refusesImpossibleOrFutureBirthDates(String first17) {
            assertThat(ResidentId.parse(first17 + ResidentIdNumber.checkCharacter(first17), TODAY).problem())
                    .isEqualTo(ResidentIdNumber.Problem.BIRTH_DATE);
        }
    }

    @Nested
    class Age {

        private ResidentId bornOn(LocalDate birth) {
            String first17 = "110105" + birth.toString().replace("-", "") + "002";
            return ResidentId.parse(first17 + ResidentIdNumber.checkCharacter(first17), TODAY).id();
        }

        @Test
        void turns18OnThe18thBirthday() {
            ResidentId id = bornOn(LocalDate.of(2008, 12, 7));

            assertThat(id.ageOn(LocalDate.of(2026, 12, 6))).isEqualTo(17);
            assertThat(id.ageOn(LocalDate.of(2026, 12, 7))).isEqualTo(18);
        }

        @Test
        void someoneBornOn29FebruaryTurnsOlderOn1MarchInACommonYear() {
            ResidentId id = bornOn(LocalDate.of(2008, 2, 29));

            assertThat(id.ageOn(LocalDate.of(2026, 2, 28))).isEqualTo(17);
            assertThat(id.ageOn(LocalDate.of(2026, 3, 1))).isEqualTo(18);
        }
    }
}
