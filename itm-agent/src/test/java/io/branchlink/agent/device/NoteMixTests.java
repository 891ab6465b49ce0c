package io.branchlink.agent.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.protocol.money.Money;
import org.junit.jupiter.api.Test;

class NoteMixTests {

    @Test
    void totalsNotesInMinorUnits() {
        NoteMix mix = NoteMix.ofMajor("CNY", 100, 3, 50, 1);
        assertThat(mix.total()).isEqualTo(Money.parse("350.00", "CNY"));
        assertThat(mix.noteCount()).isEqualTo(4);
        assertThat(mix.count(10000)).isEqualTo(3);
    }

    @Test
    void addsAndSubtractsPerDenomination() {
        NoteMix a = NoteMix.ofMajor("CNY", 100, 2);
        NoteMix b = NoteMix.ofMajor("CNY", 100, 1, 50, 2);
        assertThat(a.plus(b)).isEqualTo(NoteMix.ofMajor("CNY", 100, 3, 50, 2));
        assertThat(a.plus(b).minus(a)).isEqualTo(b);
        assertThatThrownBy(() -> a.minus(b)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropsZeroCountsSoEqualMixesCompareEqual() {
        assertThat(NoteMix.ofMajor("CNY", 100, 0)).isEqualTo(NoteMix.empty(java.util.Currency.getInstance("CNY")));
        assertThat(NoteMix.ofMajor("CNY", 100, 0).isEmpty()).isTrue();
    }

    @Test
    void printsLargestDenominationFirst() {
        assertThat(NoteMix.ofMajor("CNY", 50, 1, 100, 2)).hasToString("CNY{100x2,50x1}");
    }
}
