package io.branchlink.hub.fleet;

import io.branchlink.hub.device.OperatorProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may use the fleet dashboard: {@code /fleet/**} needs HTTP Basic credentials of a configured operator (the
 * device API's user store, {@link OperatorProperties}; a teller's login does not open it). After the first request
 * the login is kept in the HTTP session, so the page's stream and calls cost no bcrypt each, and every POST must echo
 * the {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN}.
 */
@Configuration(proxyBeanMethods = false)
class FleetSecurityConfiguration {

    private static final String REALM = "BranchLink fleet dashboard";

    @Bean
    @Order(3)
    SecurityFilterChain fleetDashboard(HttpSecurity http, OperatorProperties operators, PasswordEncoder passwords)
            throws Exception {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(operators.users());
        provider.setPasswordEncoder(passwords);
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        return http.securityMatcher("/fleet", "/fleet/**")
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("OPERATOR"))
                .httpBasic(basic -> basic.realmName(REALM).securityContextRepository(sessions))
                .securityContext(context -> context.securityContextRepository(sessions))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(FleetSecurityConfiguration::denied))
                .build();
    }

    /**
     * The CSRF check runs before HTTP Basic: a POST from nobody signed in (no session) is answered as unauthenticated
     * (401 with the Basic challenge), one from a signed-in operator without the token as forbidden (403).
     */
    private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null || signedIn instanceof AnonymousAuthenticationToken || !signedIn.isAuthenticated()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }

    @Bean
    WebMvcConfigurer fleetPages() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/fleet", "/fleet/");
                registry.addViewController("/fleet/").setViewName("forward:/fleet/index.html");
            }
        };
    }
}
