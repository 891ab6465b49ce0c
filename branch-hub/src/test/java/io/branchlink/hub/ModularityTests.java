package io.branchlink.hub;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        ApplicationModules.of(HubApplication.class).verify();
    }
}
