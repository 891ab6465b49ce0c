package io.branchlink.channel.customer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Resolves {@code Authorization: Bearer <session token>} to the customer, or leaves the request anonymous. */
class BearerSessionFilter extends OncePerRequestFilter {

    static final String PREFIX = "Bearer ";
    static final String ROLE = "ROLE_CUSTOMER";

    private final SessionService sessions;

    BearerSessionFilter(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String token = header.substring(PREFIX.length()).strip();
            if (!token.isEmpty() && token.length() <= 128) {
                sessions.authenticate(token).ifPresent(customer -> SecurityContextHolder.getContext()
                        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(customer, null,
                                List.of(new SimpleGrantedAuthority(ROLE)))));
            }
        }
        chain.doFilter(request, response);
    }
}
