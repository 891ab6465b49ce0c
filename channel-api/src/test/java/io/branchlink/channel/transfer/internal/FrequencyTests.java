package io.branchlink.channel.transfer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrequencyTests {

    private static final LocalDate START = LocalDate.of(2027, 1, 31);

    @Nested
    class Once {

        @Test
        void isDueOnItsStartDateOnly() {
            assertThat(Frequency.ONCE.dueOn(START, null, START)).isTrue();
            assertThat(Frequency.ONCE.dueOn(START, null, START.plusDays(1))).isFalse();
            assertThat(Frequency.ONCE.dueOn(START, null, START.minusDays(1))).isFalse();
        }

        @Test
        void isFinishedAfterItsDate() {
            assertThat(Frequency.ONCE.finishedAfter(START, null, START.minusDays(1))).isFalse();
            assertThat(Frequency.ONCE.finishedAfter(START, null, START)).isTrue();
        }
    }

    @Nested
    class Weekly {

        @Test
        void isDueEverySeventhDayFromItsStart() {
            assertThat(Frequency.WEEKLY.dueOn(START, null, START.plusWeeks(5))).isTrue();
            assertThat(Frequency.WEEKLY.dueOn(START, null, START.plusDays(8))).isFalse();
        }

        @Test
        void isNotDueAfterItsEndDate() {
            LocalDate end = START.plusWeeks(2);
            assertThat(Frequency.WEEKLY.dueOn(START, end, end)).isTrue();
            assertThat(Frequency.WEEKLY.dueOn(START, end, end.plusWeeks(1))).isFalse();
            assertThat(Frequency.WEEKLY.finishedAfter(START, end, end)).isTrue();
            assertThat(Frequency.WEEKLY.finishedAfter(START, end, end.minusDays(1))).isFalse();
        }
    }

    @Nested
    class Monthly {

        @Test
        void paysOnTheLastDayOfAShorterMonth() {
            assertThat(Frequency.MONTHLY.dueOn(START, null, LocalDate.of(2027, 2, 28))).isTrue();
            assertThat(Frequency.MONTHLY.dueOn(START, null, LocalDate.of(2027, 2, 27))).isFalse();
            assertThat(Frequency.MONTHLY.dueOn(START, null, LocalDate.of(2028, 2, 29))).isTrue();
            assertThat(Frequency.MONTHLY.dueOn(START, null, LocalDate.of(2027, 4, 30))).isTrue();
            assertThat(Frequency.MONTHLY.dueOn(START, null, LocalDate.of(2027, 3, 31))).isTrue();
            assertThat(Frequency.MONTHLY.dueOn(START, null, LocalDate.of(2027, 3, 30))).isFalse();
        }

        @Test
        void nextFindsTheFirstDateOnOrAfter() {
            assertThat(Frequency.MONTHLY.next(START, null, LocalDate.of(2027, 2, 1)))
                    .isEqualTo(LocalDate.of(2027, 2, 28));
            assertThat(Frequency.MONTHLY.next(START, LocalDate.of(2027, 2, 27), LocalDate.of(2027, 2, 1))).isNull();
            assertThat(Frequency.MONTHLY.next(START, null, LocalDate.of(2026, 6, 1))).isEqualTo(START);
        }

        @Test
        void anOpenOrderNeverFinishes() {
            assertThat(Frequency.MONTHLY.finishedAfter(START, null, START.plusYears(10))).isFalse();
        }
    }
}
