package io.branchlink.channel.seal.internal;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bank's seal keys from {@code branchlink.channel.seal}: a configured key store, or a self-signed key made at
 * start where {@code self-signed} is set (tests and the demo). There is no default key: without either,
 * channel-api does not start.
 */
@Configuration(proxyBeanMethods = false)
class SealConfiguration {

    @Bean
    SealKeyRing sealKeyRing(SealProperties properties, Clock clock) {
        return SealKeyRing.load(properties, clock);
    }
}
