package io.branchlink.hub.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.hub.fleet.CashThresholds.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class CashThresholdsTests {

    private final CashThresholds thresholds = new CashThresholds(200, 2000,
            List.of(new FleetProperties.Threshold("CNY", 10_000, 300, 2500)));

    @Test
    void takesAConfiguredDenominationsThresholds() {
        assertThat(thresholds.of("CNY", 10_000)).isEqualTo(new CashThresholds.Limits(300, 2500));
    }

    @Test
    void fallsBackToTheDefaultsForAnyOtherDenomination() {
        assertThat(thresholds.of("CNY", 5_000)).isEqualTo(new CashThresholds.Limits(200, 2000));
        assertThat(thresholds.of("USD", 10_000)).isEqualTo(new CashThresholds.Limits(200, 2000));
    }

    @Test
    void placesACountAgainstItsThresholds() {
        CashThresholds.Limits limits = thresholds.of("CNY", 10_000);

        assertThat(limits.level(0)).isEqualTo(Level.EMPTY);
        assertThat(limits.level(1)).isEqualTo(Level.LOW);
        assertThat(limits.level(300)).isEqualTo(Level.LOW);
        assertThat(limits.level(301)).isEqualTo(Level.OK);
        assertThat(limits.level(2499)).isEqualTo(Level.OK);
        assertThat(limits.level(2500)).isEqualTo(Level.HIGH);
    }

    @Test
    void refusesALowThresholdNotBelowTheHighOne() {
        assertThatThrownBy(() -> new CashThresholds(500, 500, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CashThresholds(200, 2000,
                List.of(new FleetProperties.Threshold("CNY", 5_000, 900, 800))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
