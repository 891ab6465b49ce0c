package io.branchlink.channel.customer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.system.Problems;
import io.branchlink.protocol.rc.Irc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Everything but the hub API: customers use bearer session tokens on {@code /api/v1/**}; health, metrics and the
 * API description are open; anything else is refused. Stateless, and every refusal is a problem detail.
 */
@Configuration(proxyBeanMethods = false)
class CustomerSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain customerChain(HttpSecurity http, SessionService sessions, ObjectMapper json)
            throws Exception {
        return http
                .addFilterBefore(new BearerSessionFilter(sessions), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/sessions").permitAll()
                        // a visitor onboards before being a customer; the onboarding id and the SMS code are the proof
                        .requestMatchers(HttpMethod.POST, "/api/v1/onboarding", "/api/v1/onboarding/*/verify")
                        .permitAll()
                        // a LOGIN step-up is passed before a session exists; the controller checks who may see which
                        .requestMatchers("/api/v1/step-ups/**").permitAll()
                        .requestMatchers("/api/v1/**").hasAuthority(BearerSessionFilter.ROLE)
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/", "/error", "/favicon.ico").permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, denied) -> Problems.write(response, json,
                                Irc.UNAUTHENTICATED, "Log in first: this call needs a bearer session token."))
                        .accessDeniedHandler((request, response, denied) -> Problems.write(response, json,
                                Irc.ACCESS_DENIED, "This call is not allowed for this session.")))
                .build();
    }
}
