package io.branchlink.channel.card.internal;

import io.branchlink.channel.system.SignedCallbacks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The card processor's calls under {@code /api/processor}: no session and no password, because every message is
 * signed with the shared secret, and {@link ProcessorController} checks the signature over the exact bytes received
 * before it reads anything; neither a customer session nor hub or operator credentials are worth anything here.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain processorChain(HttpSecurity http) throws Exception {
        return SignedCallbacks.chain(http, "/api/processor/**");
    }
}
