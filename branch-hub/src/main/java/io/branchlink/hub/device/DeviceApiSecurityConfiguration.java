package io.branchlink.hub.device;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The device API ({@code /api/devices/**}: the registry, and commands that take a device out of service and back)
 * needs the HTTP Basic credentials of a configured operator ({@link OperatorProperties}). Operators are a user store
 * of their own: a teller's login does not open it. It is an API for operations tools, not a browser page: stateless,
 * no cookies, so no CSRF token either.
 */
@Configuration(proxyBeanMethods = false)
class DeviceApiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain deviceApi(HttpSecurity http, OperatorProperties operators, PasswordEncoder passwords)
            throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operators.users());
        provider.setPasswordEncoder(passwords);
        return http.securityMatcher("/api/devices", "/api/devices/**")
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("OPERATOR"))
                .httpBasic(basic -> basic.realmName("BranchLink hub operations"))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }
}
