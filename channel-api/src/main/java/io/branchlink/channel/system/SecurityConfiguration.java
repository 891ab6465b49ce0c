package io.branchlink.channel.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.customer.BearerSessionFilter;
import io.branchlink.channel.customer.SessionService;
import io.branchlink.channel.hub.HubAuthenticationProvider;
import io.branchlink.protocol.rc.Irc;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Two kinds of caller, two filter chains: branch hubs use HTTP Basic with hub credentials on {@code /api/hub/**};
 * customers use bearer session tokens on {@code /api/v1/**}. Both are stateless, and every refusal is a problem
 * detail with an {@code irc}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(10);
    }

    @Bean
    @Order(1)
    SecurityFilterChain hubChain(HttpSecurity http, JdbcClient jdbc, ObjectMapper json) throws Exception {
        return http.securityMatcher("/api/hub/**")
                .authenticationManager(new ProviderManager(new HubAuthenticationProvider(jdbc)))
                .httpBasic(basic -> basic.authenticationEntryPoint(
                        (request, response, e) -> problem(response, json, Irc.UNAUTHENTICATED,
                                "Hub credentials are missing or wrong.")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority(HubAuthenticationProvider.ROLE))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> problem(response, json,
                        Irc.ACCESS_DENIED, "This call is for branch hubs only.")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain customerChain(HttpSecurity http, SessionService sessions, ObjectMapper json)
            throws Exception {
        return http
                .addFilterBefore(new BearerSessionFilter(sessions), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/sessions").permitAll()
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
                        .authenticationEntryPoint((request, response, denied) -> problem(response, json,
                                Irc.UNAUTHENTICATED, "Log in first: this call needs a bearer session token."))
                        .accessDeniedHandler((request, response, denied) -> problem(response, json,
                                Irc.ACCESS_DENIED, "This call is not allowed for this session.")))
                .build();
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, Irc irc, String detail)
            throws IOException {
        ProblemDetail problem = Problems.problem(irc, detail);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
