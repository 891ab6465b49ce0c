package io.branchlink.channel.system;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security chain of a third party's calls into channel-api whose every message is signed (the card processor's
 * purchases, the clearing system's notifications): no session and no password, because the endpoint checks the
 * signature over the exact bytes received before it reads anything; customer sessions, hub and operator credentials
 * are worth nothing there. Declare it with {@code @Order(1)} so that it is matched before the customers' chain.
 */
public final class SignedCallbacks {

    private SignedCallbacks() {
    }

    /** The chain for the paths of {@code pattern} ({@code /api/processor/**}). */
    public static SecurityFilterChain chain(HttpSecurity http, String pattern) throws Exception {
        return http.securityMatcher(pattern)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .build();
    }
}
