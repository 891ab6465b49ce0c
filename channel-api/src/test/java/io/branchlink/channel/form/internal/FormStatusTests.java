package io.branchlink.channel.form.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FormStatusTests {

    @Nested
    class Allowed {

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({
                "DRAFT, SUBMITTED",
                "DRAFT, CANCELLED",
                "SUBMITTED, STAGED",
                "SUBMITTED, CANCELLED",
                "SUBMITTED, EXPIRED",
                "STAGED, STAGED",
                "STAGED, EXECUTED",
                "STAGED, REJECTED",
                "STAGED, FAILED",
                "STAGED, CANCELLED",
                "STAGED, EXPIRED"})
        void changesTheFlowTakes(FormStatus from, FormStatus to) {
            assertThat(from.mayBecome(to)).isTrue();
        }
    }

    @Nested
    class Forbidden {

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({
                "DRAFT, STAGED",
                "DRAFT, EXECUTED",
                "DRAFT, EXPIRED",
                "SUBMITTED, SUBMITTED",
                "SUBMITTED, EXECUTED",
                "SUBMITTED, REJECTED",
                "SUBMITTED, FAILED",
                "STAGED, SUBMITTED",
                "STAGED, DRAFT",
                "EXECUTED, FAILED",
                "EXECUTED, CANCELLED",
                "REJECTED, STAGED",
                "FAILED, EXECUTED",
                "CANCELLED, SUBMITTED",
                "EXPIRED, STAGED",
                "EXPIRED, SUBMITTED"})
        void changesTheFlowNeverTakes(FormStatus from, FormStatus to) {
            assertThat(from.mayBecome(to)).isFalse();
        }

        @ParameterizedTest
        @EnumSource(value = FormStatus.class, names = {"EXECUTED", "REJECTED", "FAILED", "CANCELLED", "EXPIRED"})
        void decidedCancelledAndExpiredFormsAreFinal(FormStatus status) {
            assertThat(status.terminal()).isTrue();
            assertThat(EnumSet.allOf(FormStatus.class)).noneMatch(status::mayBecome);
        }
    }

    @Nested
    class Sources {

        @Test
        void onlySubmittedAndStagedFormsExpire() {
            assertThat(FormStatus.EXPIRED.sources()).containsExactly(FormStatus.SUBMITTED, FormStatus.STAGED);
            assertThat(FormStatus.EXPIRED.sqlSources()).isEqualTo("'SUBMITTED', 'STAGED'");
        }

        @Test
        void onlyAStagedFormIsDecided() {
            assertThat(FormStatus.EXECUTED.sqlSources()).isEqualTo("'STAGED'");
            assertThat(FormStatus.FAILED.sources()).containsExactly(FormStatus.STAGED);
        }

        @Test
        void anUndecidedFormCanBeCancelled() {
            assertThat(FormStatus.CANCELLED.sources())
                    .containsExactly(FormStatus.DRAFT, FormStatus.SUBMITTED, FormStatus.STAGED);
        }

        @Test
        void onlyADraftIsSubmitted() {
            assertThat(FormStatus.SUBMITTED.sqlSources()).isEqualTo("'DRAFT'");
        }

        @Test
        void noFormBecomesADraftAgain() {
            assertThat(FormStatus.DRAFT.sources()).isEmpty();
        }
    }

    @Nested
    class Groups {

        @Test
        void decidedMeansATellerDecided() {
            assertThat(EnumSet.allOf(FormStatus.class)).filteredOn(FormStatus::decided)
                    .containsExactlyInAnyOrder(FormStatus.EXECUTED, FormStatus.REJECTED, FormStatus.FAILED);
        }

        @Test
        void openMeansTheTokenIsLive() {
            assertThat(EnumSet.allOf(FormStatus.class)).filteredOn(FormStatus::open)
                    .containsExactlyInAnyOrder(FormStatus.SUBMITTED, FormStatus.STAGED);
        }
    }
}
