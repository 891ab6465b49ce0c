package io.branchlink.prefill.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.prefill.validation.ResidentIdNumber.Problem;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Nested
    class Accepts {

        @ParameterizedTest
        @ValueSource(strings = {"11010519491231002X", "11010519491231002x", "44030419900307123X",
                "310115198501010012", "320102197811304564"})
        void plausibleNumbersWithTheirCheckCharacter(String number) {
            assertThat(ResidentIdNumber.check(number, TODAY)).isEmpty();
        }

        @Test
        void computesXForRemainderTwo() {
            assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        }
    }

    @Nested
    class Refuses {

        @ParameterizedTest
        @ValueSource(strings = {"", "11010519491231002", "1101051949123100200", "1101051949123100AX",
                "X10105194912310021"})
        void wrongLengthOrCharacters(String number) {
            assertThat(ResidentIdNumber.check(number, TODAY)).contains(Problem.FORMAT);
        }

        @Test
        void aWrongCheckCharacter() {
            assertThat(ResidentIdNumber.check("110105194912310021", TODAY)).contains(Problem.CHECK_DIGIT);
            assertThat(ResidentIdNumber.check("31011519850101001X", TODAY)).contains(Problem.CHECK_DIGIT);
        }

        @Test
        void anUnknownRegion() {
            assertThat(ResidentIdNumber.check("990105194912310021", TODAY)).contains(Problem.REGION);
        }

        @Test
        void impossibleOrFutureBirthDates() {
            assertThat(ResidentIdNumber.check("110105194902300021", TODAY)).contains(Problem.BIRTH_DATE);
            assertThat(ResidentIdNumber.check("110105203001010021", TODAY)).contains(Problem.BIRTH_DATE);
            assertThat(ResidentIdNumber.check("110105189001010021", TODAY)).contains(Problem.BIRTH_DATE);
        }
    }
}
