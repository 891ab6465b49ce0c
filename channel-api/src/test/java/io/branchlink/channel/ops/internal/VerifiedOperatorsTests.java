package io.branchlink.channel.ops.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.channel.support.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

class VerifiedOperatorsTests {

    private final AtomicInteger bcryptChecks = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final VerifiedOperators operators = new VerifiedOperators(provider(), clock);

    private DaoAuthenticationProvider provider() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcryptChecks.incrementAndGet();
                return bcrypt.matches(raw, encoded);
            }
        };
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername("ops")
                .password(bcrypt.encode("right-pass")).authorities(OpsSecurityConfiguration.ROLE).build());
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(counting);
        return provider;
    }

    private Authentication login(String password) {
        return operators.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("ops", password));
    }

    @Test
    void checksBcryptOnceForRepeatedRightCredentials() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("right-pass").getAuthorities()).extracting(Object::toString)
                    .containsExactly(OpsSecurityConfiguration.ROLE);
        }
        assertThat(bcryptChecks).hasValue(1);
    }

    @Test
    void refusesAWrongPasswordAfterARightOneAndChecksItInFull() {
        login("right-pass");
        assertThatThrownBy(() -> login("wrong-pass")).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> login("wrong-pass")).isInstanceOf(BadCredentialsException.class);
        assertThat(bcryptChecks).hasValue(3);
        assertThat(login("right-pass").isAuthenticated()).isTrue();
        assertThat(bcryptChecks).hasValue(3);
    }

    @Test
    void checksBcryptAgainOnceTheRememberedTimeIsOver() {
        login("right-pass");
        clock.advance(VerifiedOperators.VERIFIED_FOR.minus(Duration.ofSeconds(1)));
        login("right-pass");
        assertThat(bcryptChecks).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        login("right-pass");
        assertThat(bcryptChecks).hasValue(2);
    }
}
