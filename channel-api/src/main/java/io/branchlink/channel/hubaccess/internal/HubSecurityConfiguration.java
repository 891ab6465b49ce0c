package io.branchlink.channel.hubaccess.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.hubaccess.HubAuthenticationProvider;
import io.branchlink.channel.system.Problems;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.rc.Irc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Branch hubs call everything under {@code /api/hub} ({@link HubApiPaths#PREFIX}: terminal transactions, token keys,
 * counter business) with HTTP Basic (hub id and secret); this chain is matched before the customers' one, and a
 * customer session is worth nothing here.
 */
@Configuration(proxyBeanMethods = false)
class HubSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain hubChain(HttpSecurity http, JdbcClient jdbc, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/hub/**")
                .authenticationManager(new ProviderManager(new HubAuthenticationProvider(jdbc)))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> Problems.write(response,
                        json, Irc.UNAUTHENTICATED, "Hub credentials are missing or wrong.")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(HubAuthenticationProvider.ROLE))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> Problems.write(response,
                        json, Irc.ACCESS_DENIED, "This call is for branch hubs only.")))
                .build();
    }
}
