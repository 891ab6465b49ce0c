package io.branchlink.channel.ops.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.system.Problems;
import io.branchlink.protocol.rc.Irc;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Operators call everything under {@code /api/ops} with HTTP Basic against the configured bcrypt hashes; this chain is
 * matched before the customers' one, and neither a customer session nor hub credentials are worth anything here.
 * A verified operator's credentials are remembered for a few minutes ({@link VerifiedOperators}), so a client
 * calling again and again pays bcrypt once.
 */
@Configuration(proxyBeanMethods = false)
class OpsSecurityConfiguration {

    static final String ROLE = "ROLE_OPERATOR";

    @Bean
    @Order(0)
    SecurityFilterChain opsChain(HttpSecurity http, OpsProperties properties, PasswordEncoder passwords,
            ObjectMapper json, Clock clock) throws Exception {
        InMemoryUserDetailsManager operators = new InMemoryUserDetailsManager();
        properties.operators().forEach(operator -> operators.createUser(User.withUsername(operator.username())
                .password(operator.passwordHash()).authorities(ROLE).build()));
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operators);
        provider.setPasswordEncoder(passwords);
        return http.securityMatcher("/api/ops/**")
                .authenticationManager(new ProviderManager(new VerifiedOperators(provider, clock)))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> Problems.write(response,
                        json, Irc.UNAUTHENTICATED, "Operator credentials are missing or wrong.")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(ROLE))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, denied) -> Problems.write(response, json,
                                Irc.UNAUTHENTICATED, "Operator credentials are missing or wrong."))
                        .accessDeniedHandler((request, response, denied) -> Problems.write(response, json,
                                Irc.ACCESS_DENIED, "This call is for operators only.")))
                .build();
    }
}
