package io.branchlink.channel.hubaccess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authenticates branch hubs by id and secret (HTTP Basic). Hub secrets are 256-bit random values, so a single
 * SHA-256 stored in the database is enough and keeps every redemption call free of a slow password hash.
 */
public class HubAuthenticationProvider implements AuthenticationProvider {

    public static final String ROLE = "ROLE_HUB";
    private static final Logger log = LoggerFactory.getLogger(HubAuthenticationProvider.class);

    private final JdbcClient jdbc;

    public HubAuthenticationProvider(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String hubId = authentication.getName();
        String secret = String.valueOf(authentication.getCredentials());
        Optional<HubRow> hub = jdbc.sql("select id, branch_id, secret_hash from hubs where id = ?")
                .param(hubId)
                .query(HubRow.class)
                .optional();
        byte[] presented = sha256(secret);
        byte[] expected = hub.map(HubRow::secretHash).orElse(new byte[presented.length]);
        if (!MessageDigest.isEqual(presented, expected) || hub.isEmpty()) {
            log.warn("hub authentication refused hub={}", hubId.length() > 32 ? hubId.substring(0, 32) : hubId);
            throw new BadCredentialsException("bad hub credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(new HubPrincipal(hub.get().id(), hub.get().branchId()),
                null, List.of(new SimpleGrantedAuthority(ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record HubRow(String id, String branchId, byte[] secretHash) {
    }
}
