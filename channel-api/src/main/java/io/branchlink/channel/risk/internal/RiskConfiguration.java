package io.branchlink.channel.risk.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feature catalogue the engine keeps and the rules read. */
@Configuration(proxyBeanMethods = false)
class RiskConfiguration {

    @Bean
    FeatureCatalogue featureCatalogue() {
        return FeatureCatalogue.standard();
    }
}
