package io.branchlink.hub.teller;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may use the teller console: {@code /teller/**} needs HTTP Basic credentials of a configured teller (bcrypt
 * hashes; after the first request the login is kept in the HTTP session, so the console's polling costs no bcrypt
 * per request), and every POST there must echo the {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN}. The device API
 * has a chain of its own (operators, {@code io.branchlink.hub.device}); everything else (actuator) is open, with no
 * CSRF and no extra headers.
 */
@Configuration(proxyBeanMethods = false)
class TellerSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain tellerConsole(HttpSecurity http) throws Exception {
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        return http.securityMatcher("/teller", "/teller/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("TELLER"))
                .httpBasic(basic -> basic.realmName("BranchLink teller console").securityContextRepository(sessions))
                .securityContext(context -> context.securityContextRepository(sessions))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .build();
    }

    /** Last of the chains: actuator (health and metrics for scrapers) and anything else the hub serves. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    UserDetailsService tellerAccounts(TellerProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        properties.accounts().forEach(account -> users.createUser(User.withUsername(account.id())
                .password(account.passwordHash()).roles("TELLER").build()));
        return users;
    }

    /** Only {@code {bcrypt}} hashes are accepted. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt",
                java.util.Map.of("bcrypt", new BCryptPasswordEncoder()));
    }

    @Bean
    WebMvcConfigurer tellerPages() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addRedirectViewController("/teller", "/teller/");
                registry.addViewController("/teller/").setViewName("forward:/teller/index.html");
            }
        };
    }
}
