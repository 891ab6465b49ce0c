package io.branchlink.channel.loan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.branchlink.channel.loan.LoanSchedule.Instalment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoanScheduleTests {

    private static final BigDecimal RATE = new BigDecimal("0.072");
    private static final LocalDate DRAWN = LocalDate.of(2026, 1, 31);

    /** The worked example of docs/loans.md: 12,000.00 CNY drawn on 31 January 2026 at 7.20 % over 6 months. */
    @Nested
    class WorkedExample {

        @Test
        void equalInstalmentsMatchTheDocument() {
            List<Instalment> schedule = LoanSchedule.monthly(RepaymentMethod.EQUAL_INSTALMENT, 1_200_000, RATE, DRAWN,
                    6);

            assertThat(LoanSchedule.annuity(1_200_000, RATE, 6)).isEqualTo(204_221);
            assertThat(schedule).extracting(Instalment::dueDate).containsExactly(LocalDate.of(2026, 2, 28),
                    LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 31),
                    LocalDate.of(2026, 6, 30), LocalDate.of(2026, 7, 31));
            assertThat(schedule).extracting(Instalment::days).containsExactly(28L, 31L, 30L, 31L, 30L, 31L);
            assertThat(schedule).extracting(Instalment::interest)
                    .containsExactly(6_628L, 6_130L, 4_760L, 3_699L, 2_393L, 1_238L);
            assertThat(schedule).extracting(Instalment::principal)
                    .containsExactly(197_593L, 198_091L, 199_461L, 200_522L, 201_828L, 202_505L);
            assertThat(schedule.subList(0, 5)).allSatisfy(i -> assertThat(i.total()).isEqualTo(204_221));
            assertThat(schedule.get(5).total()).isEqualTo(203_743);
            assertThat(schedule.get(5).outstandingAfter()).isZero();
        }

        @Test
        void equalPrincipalMatchesTheDocument() {
            List<Instalment> schedule = LoanSchedule.monthly(RepaymentMethod.EQUAL_PRINCIPAL, 1_200_000, RATE, DRAWN,
                    6);

            assertThat(schedule).extracting(Instalment::principal).containsOnly(200_000L);
            assertThat(schedule).extracting(Instalment::interest)
                    .containsExactly(6_628L, 6_115L, 4_734L, 3_669L, 2_367L, 1_223L);
            assertThat(schedule).extracting(Instalment::outstandingAfter)
                    .containsExactly(1_000_000L, 800_000L, 600_000L, 400_000L, 200_000L, 0L);
        }

        @Test
        void theFirstPeriodsInterestIsPrincipalTimesRateTimesDaysOver365() {
            // 12,000.00 × 7.2 % × 28 / 365 = 66.2794… → 66.28
            assertThat(LoanSchedule.interest(1_200_000, RATE, 28)).isEqualTo(6_628);
        }
    }

    @Nested
    class Rounding {

        @Test
        void theLastEqualPrincipalInstalmentTakesTheRemainder() {
            List<Instalment> schedule = LoanSchedule.monthly(RepaymentMethod.EQUAL_PRINCIPAL, 100_000, RATE, DRAWN, 3);

            assertThat(schedule).extracting(Instalment::principal).containsExactly(33_333L, 33_333L, 33_334L);
        }

        @ParameterizedTest(name = "{0}: {1} fen at {2} over {3} months")
        @CsvSource({
                "EQUAL_INSTALMENT, 1, 0.072, 1",
                "EQUAL_INSTALMENT, 100001, 0.1440, 24",
                "EQUAL_INSTALMENT, 2000000000, 0.0720, 36",
                "EQUAL_INSTALMENT, 99999, 0, 7",
                "EQUAL_PRINCIPAL, 7, 0.096, 12",
                "EQUAL_PRINCIPAL, 1234567, 0.0960, 12",
                "EQUAL_PRINCIPAL, 2000000000, 0.0720, 36"
        })
        void principalSumsExactlyToTheAmountDrawn(RepaymentMethod method, long principal, BigDecimal rate, int months) {
            List<Instalment> schedule = LoanSchedule.monthly(method, principal, rate, DRAWN, months);

            assertThat(schedule).hasSize(months);
            assertThat(schedule.stream().mapToLong(Instalment::principal).sum()).isEqualTo(principal);
            assertThat(schedule).allSatisfy(i -> {
                assertThat(i.principal()).isNotNegative();
                assertThat(i.interest()).isNotNegative();
            });
            assertThat(schedule.get(months - 1).outstandingAfter()).isZero();
            long outstanding = principal;
            for (Instalment instalment : schedule) {
                assertThat(instalment.interest())
                        .isEqualTo(LoanSchedule.interest(outstanding, rate, instalment.days()));
                outstanding -= instalment.principal();
                assertThat(instalment.outstandingAfter()).isEqualTo(outstanding);
            }
        }

        @Test
        void equalInstalmentsDifferByNoMoreThanRoundingExceptTheLast() {
            List<Instalment> schedule = LoanSchedule.monthly(RepaymentMethod.EQUAL_INSTALMENT, 5_000_000,
                    new BigDecimal("0.096"), LocalDate.of(2026, 3, 10), 12);

            long annuity = LoanSchedule.annuity(5_000_000, new BigDecimal("0.096"), 12);
            assertThat(schedule.subList(0, 11)).allSatisfy(i -> assertThat(i.total()).isEqualTo(annuity));
            // actual/365 periods against a 1/12 monthly rate: the last instalment absorbs a small difference only
            assertThat(Math.abs(schedule.get(11).total() - annuity)).isLessThan(annuity / 100);
        }
    }

    @Nested
    class DailyAccrual {

        @Test
        void theDaysOfAPeriodAddUpToItsScheduledInterest() {
            for (Instalment instalment : LoanSchedule.monthly(RepaymentMethod.EQUAL_INSTALMENT, 1_200_000, RATE, DRAWN,
                    6)) {
                long principalDuring = instalment.outstandingAfter() + instalment.principal();
                long accrued = 0;
                for (long day = 1; day <= instalment.days(); day++) {
                    accrued += LoanSchedule.dailyAccrual(principalDuring, RATE, day);
                }
                assertThat(accrued).as("instalment %d", instalment.number()).isEqualTo(instalment.interest());
            }
        }

        @Test
        void aDaysInterestIsAboutPrincipalTimesRateOver365() {
            // 12,000.00 × 7.2 % / 365 = 2.367…: days alternate between 2.37 and 2.36 so that no fraction is lost
            assertThat(LoanSchedule.dailyAccrual(1_200_000, RATE, 1)).isEqualTo(237);
            long year = 0;
            for (long day = 1; day <= 365; day++) {
                year += LoanSchedule.dailyAccrual(1_200_000, RATE, day);
            }
            assertThat(year).isEqualTo(86_400);
        }
    }

    @Test
    void aRescheduleAfterAnEarlyRepaymentKeepsTheDueDates() {
        List<LocalDate> dates = LoanSchedule.monthlyDueDates(DRAWN, 6);
        List<Instalment> rest = LoanSchedule.generate(RepaymentMethod.EQUAL_INSTALMENT, 500_000, RATE, dates.get(1),
                dates.subList(2, 6), 3);

        assertThat(rest).extracting(Instalment::number).containsExactly(3, 4, 5, 6);
        assertThat(rest).extracting(Instalment::dueDate).containsExactlyElementsOf(dates.subList(2, 6));
        assertThat(rest.stream().mapToLong(Instalment::principal).sum()).isEqualTo(500_000);
        assertThat(ChronoUnit.DAYS.between(dates.get(1), rest.get(0).dueDate())).isEqualTo(rest.get(0).days());
    }

    @Test
    void refusesWhatIsNotASchedule() {
        assertThatIllegalArgumentException().isThrownBy(() -> LoanSchedule.monthly(RepaymentMethod.EQUAL_INSTALMENT,
                0, RATE, DRAWN, 6));
        assertThatIllegalArgumentException().isThrownBy(() -> LoanSchedule.monthly(RepaymentMethod.EQUAL_PRINCIPAL,
                100, RATE.negate(), DRAWN, 6));
        assertThatIllegalArgumentException().isThrownBy(() -> LoanSchedule.generate(RepaymentMethod.EQUAL_PRINCIPAL,
                100, RATE, DRAWN, List.of(DRAWN), 1));
        assertThatIllegalArgumentException().isThrownBy(() -> LoanSchedule.dailyAccrual(100, RATE, 0));
    }
}
