package io.branchlink.channel.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Failed logins lock a username (5 in a row) or a source address (20 within 15 minutes) out for 15 minutes; the
 * lock ends by itself and answers the same whether the password was right (docs/channel-api.md, "Lockout"). Each
 * test logs in from a source address of its own, named in X-Forwarded-For as a load balancer would.
 */
class LoginLockoutIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    MeterRegistry meters;

    String source;

    @BeforeEach
    void ownSourceAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        source = "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    Api.Response login(String username, String password, String from) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", from);
        return api.call(HttpMethod.POST, "/api/v1/sessions", null, Map.of("username", username, "password",
                password, "deviceId", "lockout-phone"), headers);
    }

    Api.Response login(String username, String password) {
        return login(username, password, source);
    }

    double refusals(String reason) {
        var counter = meters.find("branchlink.channel.logins.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    static void assertBlocked(Api.Response response, long atMostSeconds) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.irc()).isEqualTo("ACCOUNT_BLOCKED");
        assertThat(response.text("type")).isEqualTo("https://branchlink.io/errors/account-blocked");
        long retryAfter = response.body().path("retryAfter").asLong();
        assertThat(retryAfter).isBetween(atMostSeconds - 5, atMostSeconds);
        assertThat(response.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo(Long.toString(retryAfter));
    }

    @Nested
    class PerAccount {

        @Test
        void fiveFailuresInARowLockTheAccountWhateverThePasswordThen() {
            TestBank.Customer customer = bank.customer(0);
            for (int i = 1; i <= 4; i++) {
                assertThat(login(customer.username(), "wrong " + i).status()).as("failure %d", i).isEqualTo(401);
            }
            double before = refusals("account-locked");

            Api.Response fifth = login(customer.username(), "wrong 5");

            assertBlocked(fifth, 900);
            Api.Response rightPassword = login(customer.username(), TestBank.PASSWORD);
            Api.Response wrongPassword = login(customer.username(), "wrong 6");
            assertBlocked(rightPassword, 900);
            assertBlocked(wrongPassword, 900);
            assertThat(rightPassword.text("detail")).isEqualTo(wrongPassword.text("detail"));
            assertThat(rightPassword.body().has("token")).isFalse();
            assertThat(refusals("account-locked") - before).isEqualTo(3);
        }

        @Test
        void theLockEndsByItselfAndTheCountStartsAgain() {
            TestBank.Customer customer = bank.customer(0);
            for (int i = 1; i <= 5; i++) {
                login(customer.username(), "wrong");
            }
            clock.advance(Duration.ofMinutes(14));
            assertBlocked(login(customer.username(), TestBank.PASSWORD), 60);

            clock.advance(Duration.ofMinutes(1).plusSeconds(1));

            assertThat(login(customer.username(), "wrong").status()).as("the count started again").isEqualTo(401);
            assertThat(login(customer.username(), TestBank.PASSWORD).status()).isEqualTo(201);
        }

        @Test
        void aSuccessfulLoginResetsTheCount() {
            TestBank.Customer customer = bank.customer(0);
            for (int i = 1; i <= 4; i++) {
                login(customer.username(), "wrong");
            }
            assertThat(login(customer.username(), TestBank.PASSWORD).status()).isEqualTo(201);

            for (int i = 1; i <= 4; i++) {
                assertThat(login(customer.username(), "wrong").status()).as("failure %d", i).isEqualTo(401);
            }
            assertThat(login(customer.username(), TestBank.PASSWORD).status()).isEqualTo(201);
        }

        @Test
        void anUnknownUsernameLocksTheSameWaySoLocksRevealNoUsernames() {
            String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 1; i <= 4; i++) {
                assertThat(login(nobody, "guess").status()).isEqualTo(401);
            }

            assertBlocked(login(nobody, "guess"), 900);
        }

        @Test
        void otherAccountsFromTheSameSourceStillLogIn() {
            TestBank.Customer victim = bank.customer(0);
            TestBank.Customer other = bank.customer(0);
            for (int i = 1; i <= 5; i++) {
                login(victim.username(), "wrong");
            }

            assertThat(login(other.username(), TestBank.PASSWORD).status()).isEqualTo(201);
            assertBlocked(login(victim.username(), TestBank.PASSWORD, "203.0.113.9"), 900);
        }
    }

    @Nested
    class PerSource {

        @Test
        void twentyFailuresFromOneSourceLockItOutForAllUsernames() {
            TestBank.Customer customer = bank.customer(0);
            for (int i = 1; i <= 19; i++) {
                assertThat(login("spray-" + UUID.randomUUID().toString().substring(0, 8), "123456").status())
                        .as("failure %d", i).isEqualTo(401);
            }
            double before = refusals("source-locked");

            assertBlocked(login("spray-last", "123456"), 900);

            assertBlocked(login(customer.username(), TestBank.PASSWORD), 900);
            assertThat(refusals("source-locked") - before).isEqualTo(2);
            assertThat(login(customer.username(), TestBank.PASSWORD, "203.0.113.77").status())
                    .as("from another source").isEqualTo(201);
            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            assertThat(login(customer.username(), TestBank.PASSWORD).status()).as("after the lock").isEqualTo(201);
        }

        @Test
        void failuresOlderThanTheWindowDoNotCount() {
            for (int i = 1; i <= 19; i++) {
                login("spray-" + UUID.randomUUID().toString().substring(0, 8), "123456");
            }
            clock.advance(Duration.ofMinutes(15).plusSeconds(1));

            Api.Response twentieth = login("spray-" + UUID.randomUUID().toString().substring(0, 8), "123456");

            assertThat(twentieth.status()).isEqualTo(401);
            assertThat(twentieth.irc()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Nested
    class Housekeeping {

        @Autowired
        LoginLockout lockout;

        int rows(String table, String column, String value) {
            return jdbc.sql("select count(*) from " + table + " where " + column + " = ?").param(value)
                    .query(Integer.class).single();
        }

        @Test
        void forgetsARunOfFailuresADayOldAndSourceFailuresOutsideTheWindow() {
            TestBank.Customer customer = bank.customer(0);
            for (int i = 1; i <= 4; i++) {
                login(customer.username(), "wrong");
            }
            clock.advance(Duration.ofMinutes(16));
            lockout.purge();
            assertThat(rows("login_account_failures", "username", customer.username())).as("within a day").isOne();
            assertThat(rows("login_source_failures", "source", source)).as("outside the window").isZero();

            clock.advance(Duration.ofHours(24));
            lockout.purge();

            assertThat(rows("login_account_failures", "username", customer.username())).isZero();
            assertThat(login(customer.username(), "wrong").status()).as("the count started again").isEqualTo(401);
        }

        @Test
        void keepsALockUntilItEndsThenDeletesIt() {
            for (int i = 1; i <= 20; i++) {
                login("spray-" + UUID.randomUUID().toString().substring(0, 8), "123456");
            }
            lockout.purge();
            assertThat(rows("login_source_locks", "source", source)).isOne();

            clock.advance(Duration.ofMinutes(15).plusSeconds(1));
            lockout.purge();

            assertThat(rows("login_source_locks", "source", source)).isZero();
        }
    }
}
