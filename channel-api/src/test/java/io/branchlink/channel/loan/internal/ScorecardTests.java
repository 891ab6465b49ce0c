package io.branchlink.channel.loan.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.bureau.CreditReport;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ScorecardTests {

    @Test
    void aLongCleanHistoryWithLowUseIsBandA() {
        Scorecard.Result result = Scorecard.score(report(120, 0, 0, "0.10", 0));

        assertThat(result.score()).isEqualTo(400 + 55 + 60 + 30 + 40 + 25);
        assertThat(result.band()).isEqualTo(Scorecard.Band.A);
        assertThat(result.band().limit).isEqualTo(200_000_00L);
        assertThat(result.band().annualRate).isEqualByComparingTo("0.072");
        assertThat(result.reasons()).isEmpty();
    }

    @Test
    void bandsFollowTheScore() {
        // 400 + 25 + 25 + 10 + 25 + 15 = 500
        assertThat(Scorecard.score(report(24, 1, 20, "0.45", 2)).band()).isEqualTo(Scorecard.Band.C);
        // 400 + 40 + 60 + 30 + 5 + 15 = 550
        assertThat(Scorecard.score(report(48, 0, 0, "0.70", 3)).band()).isEqualTo(Scorecard.Band.B);
    }

    @Test
    void aPersonWithNoFileGetsTheSmallestLine() {
        Scorecard.Result result = Scorecard.score(CreditReport.noFile(null));

        assertThat(result.score()).isEqualTo(400 + 0 + 30 + 15 + 20 + 25);
        assertThat(result.band()).isEqualTo(Scorecard.Band.C);
    }

    @Test
    void aDeclineNamesTheFieldsThatCostTheMostInWordsForTheApplicant() {
        // 400 + 10 − 40 − 20 − 15 − 25 = 310
        Scorecard.Result result = Scorecard.score(report(6, 4, 60, "0.95", 8));

        assertThat(result.approved()).isFalse();
        assertThat(result.score()).isEqualTo(310);
        assertThat(result.reasons()).containsExactly("Your credit report shows recent late payments.",
                "You use a large part of your existing credit limits.");
    }

    @Test
    void ninetyDaysLateDeclinesWhateverTheScore() {
        Scorecard.Result result = Scorecard.score(report(200, 0, 95, "0.05", 0));

        assertThat(result.approved()).isFalse();
        assertThat(result.reasons()).containsExactly("Your credit report shows a payment 90 days or more late.");
    }

    private static CreditReport report(int history, int delinquencies, int worst, String utilisation, int inquiries) {
        return new CreditReport("R1", true, history, delinquencies, worst, new BigDecimal(utilisation), inquiries);
    }
}
