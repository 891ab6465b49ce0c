package io.branchlink.channel.clearing.internal;

import io.branchlink.channel.system.SignedCallbacks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The clearing system's notifications reach {@code /api/clearing/**} without a session: each one is authenticated
 * by its HMAC signature ({@link io.branchlink.channel.clearing.ClearingSystem#authentic}), checked by the endpoint
 * over the exact bytes received. This chain is matched before the customers' one.
 */
@Configuration(proxyBeanMethods = false)
class ClearingSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain clearingChain(HttpSecurity http) throws Exception {
        return SignedCallbacks.chain(http, "/api/clearing/**");
    }
}
