package io.branchlink.channel.ops.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Remembers for {@link #VERIFIED_FOR} that an operator's HTTP Basic credentials matched the bcrypt hash, so that a
 * stateless client sending them with every call pays bcrypt (cost 10: 0.41 s of CPU per check measured on the shared
 * 2-core machine, docs/benchmarks.md) once, not per call.
 * What is kept per operator is an HMAC-SHA-256 of the password under a random key made at start, compared in constant
 * time; the password itself is not kept. Only a success is remembered: a wrong password always meets bcrypt, so
 * guessing stays as slow as before, and a different password for a remembered operator is checked in full.
 *
 * @see VerifiedOperatorsTests
 */
final class VerifiedOperators implements AuthenticationProvider {

    static final Duration VERIFIED_FOR = Duration.ofMinutes(5);

    private final AuthenticationProvider bcrypt;
    private final Clock clock;
    private final SecretKeySpec key;
    // one entry per configured operator at most: only a verified name is ever put
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(byte[] mac, Object principal, Collection<? extends GrantedAuthority> authorities,
            Instant until) {
    }

    VerifiedOperators(AuthenticationProvider bcrypt, Clock clock) {
        this.bcrypt = bcrypt;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (name == null || !(credentials instanceof String password)) {
            return bcrypt.authenticate(authentication);
        }
        byte[] mac = mac(name, password);
        Instant now = clock.instant();
        Verified known = verified.get(name);
        if (known != null && now.isBefore(known.until()) && MessageDigest.isEqual(known.mac(), mac)) {
            return UsernamePasswordAuthenticationToken.authenticated(known.principal(), null, known.authorities());
        }
        Authentication result = bcrypt.authenticate(authentication);
        if (result != null && result.isAuthenticated()) {
            verified.put(name, new Verified(mac, result.getPrincipal(), result.getAuthorities(),
                    now.plus(VERIFIED_FOR)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return bcrypt.supports(authentication);
    }

    private byte[] mac(String name, String password) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(name.getBytes(StandardCharsets.UTF_8));
            hmac.update((byte) 0);
            return hmac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
