package io.branchlink.channel.arrival.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BranchLocationsTests {

    static final BranchLocations.Branch RIVERSIDE = new BranchLocations.Branch("BR001", "Riverside", 31.2397,
            121.4998, 150);
    static final BranchLocations.Branch NEARBY = new BranchLocations.Branch("BR009", "Nearby", 31.2405, 121.4998,
            150);

    @Test
    void measuresGreatCircleDistances() {
        // one degree of latitude is about 111.2 km on the mean sphere
        assertThat(BranchLocations.distanceMetres(0, 0, 1, 0)).isCloseTo(111_195, within(5.0));
        // Shanghai to Beijing, about 1068 km
        assertThat(BranchLocations.distanceMetres(31.2304, 121.4737, 39.9042, 116.4074))
                .isCloseTo(1_067_000, within(3_000.0));
        assertThat(BranchLocations.distanceMetres(10, 170, 10, 170)).isZero();
    }

    @Test
    void findsTheBranchWhoseCircleHoldsThePoint() {
        assertThat(BranchLocations.containing(List.of(RIVERSIDE), 31.2400, 121.4998))
                .map(f -> f.branch().id()).contains("BR001");
        assertThat(BranchLocations.containing(List.of(RIVERSIDE), 31.2430, 121.4998)).isEmpty();
    }

    @Test
    void theNearestCentreWinsWhereCirclesOverlap() {
        assertThat(BranchLocations.containing(List.of(RIVERSIDE, NEARBY), 31.2403, 121.4998))
                .map(f -> f.branch().id()).contains("BR009");
        assertThat(BranchLocations.containing(List.of(NEARBY, RIVERSIDE), 31.2398, 121.4998))
                .map(f -> f.branch().id()).contains("BR001");
    }

    @Test
    void aDistanceAcrossTheDateLineIsShort() {
        assertThat(BranchLocations.distanceMetres(0, 179.9995, 0, -179.9995)).isCloseTo(111, within(2.0));
    }
}
