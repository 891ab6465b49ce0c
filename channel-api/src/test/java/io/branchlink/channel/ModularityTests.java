package io.branchlink.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ChannelApiApplication.class);

    @Test
    void featurePackagesDependOnEachOtherOneWayOnly() {
        modules.verify();
    }

    @Test
    void systemDependsOnNoFeature() {
        assertThat(modules.getModuleByName("system").orElseThrow()
                .getBootstrapDependencies(modules)).isEmpty();
    }
}
