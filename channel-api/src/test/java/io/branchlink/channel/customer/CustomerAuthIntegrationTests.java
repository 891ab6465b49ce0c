package io.branchlink.channel.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.SmsGatewayDouble;
import io.branchlink.channel.support.TestBank;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CustomerAuthIntegrationTests extends ChannelIntegrationTest {

    @Nested
    class Login {

        @Test
        void opensASessionThatReadsTheCustomersOwnAccounts() {
            TestBank.Customer customer = bank.customer(1_234_56);

            Api.Response accounts = api.get("/api/v1/accounts", login(customer));

            assertThat(accounts.status()).isEqualTo(200);
            assertThat(accounts.body()).hasSize(1);
            assertThat(accounts.body().get(0).path("id").asText()).isEqualTo(customer.accountId().toString());
            assertThat(accounts.body().get(0).path("balance").decimalValue()).isEqualByComparingTo("1234.56");
        }

        @Test
        void listingAccountsReturnsItsDatabaseConnectionEveryTime() {
            TestBank.Customer customer = bank.customer(100_00);
            String session = login(customer);

            for (int i = 0; i < 40; i++) {
                assertThat(api.get("/api/v1/accounts", session).status()).as("call %d", i).isEqualTo(200);
            }
        }

        @Test
        void refusesAWrongPasswordWithAProblemDetail() {
            TestBank.Customer customer = bank.customer(0);

            Api.Response response = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", "wrong", "deviceId", customer.deviceId()));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers().getContentType().toString()).isEqualTo("application/problem+json");
            assertThat(response.irc()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.text("type")).isEqualTo("https://branchlink.io/errors/unauthenticated");
        }

        @Test
        void refusesAnUnknownUserTheSameWay() {
            Api.Response response = api.post("/api/v1/sessions", null, Map.of("username", "nobody-here",
                    "password", "whatever", "deviceId", "some-phone"));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text("detail")).isEqualTo("Username or password is wrong.");
        }

        @Test
        void listsEveryInvalidFieldOfAMalformedLogin() {
            Api.Response response = api.post("/api/v1/sessions", null, Map.of("username", "", "deviceId", "x/y"));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(response.body().path("fields").has("username")).isTrue();
            assertThat(response.body().path("fields").has("password")).isTrue();
            assertThat(response.body().path("fields").has("deviceId")).isTrue();
        }

        @Test
        void aSessionEndsAtLogoutAndWhenItExpires() {
            TestBank.Customer customer = bank.customer(0);
            String first = login(customer);
            String second = login(customer);

            assertThat(api.delete("/api/v1/sessions/current", first).status()).isEqualTo(204);
            assertThat(api.get("/api/v1/accounts", first).status()).isEqualTo(401);
            assertThat(api.get("/api/v1/accounts", second).status()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(16));
            assertThat(api.get("/api/v1/accounts", second).status()).isEqualTo(401);
        }

        @Test
        void theSweepDeletesExpiredSessionsAndKeepsLiveOnes(@Autowired SessionSweeper sweeper) {
            TestBank.Customer expiring = bank.customer(0);
            login(expiring);
            clock.advance(Duration.ofMinutes(10));
            TestBank.Customer live = bank.customer(0);
            String session = login(live);
            clock.advance(Duration.ofMinutes(6));

            sweeper.sweep();

            assertThat(sessionsOf(expiring)).isZero();
            assertThat(sessionsOf(live)).isOne();
            assertThat(api.get("/api/v1/accounts", session).status()).isEqualTo(200);
        }

        private int sessionsOf(TestBank.Customer customer) {
            return jdbc.sql("select count(*) from sessions where customer_id = ?").param(customer.id())
                    .query(Integer.class).single();
        }
    }

    @Nested
    class ObjectLevelAuthorization {

        @Test
        void aCustomerCannotReadAnotherCustomersAccount() {
            TestBank.Customer alice = bank.customer(1_000_00);
            TestBank.Customer mallory = bank.customer(1_000_00);
            String session = login(mallory);

            assertThat(api.get("/api/v1/accounts/" + alice.accountId(), session).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/accounts/" + alice.accountId() + "/postings", session).status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/accounts/" + mallory.accountId(), session).status()).isEqualTo(200);
        }

        @Test
        void aCustomerCannotStageCashFromAnotherCustomersAccount() {
            TestBank.Customer alice = bank.customer(1_000_00);
            TestBank.Customer mallory = bank.customer(0);
            TestBank.Customer malloryWithAlicesAccount = new TestBank.Customer(mallory.id(), mallory.username(),
                    mallory.deviceId(), alice.accountId(), alice.accountNumber(), mallory.fullName(),
                    mallory.idNumber(), mallory.cardNumber(), mallory.phone());

            Api.Response response = stageWithdrawal(login(mallory), malloryWithAlicesAccount, "100", null);

            assertThat(response.status()).isEqualTo(404);
            assertThat(bank.available(alice.accountId())).isEqualTo(1_000_00);
        }

        @Test
        void aCustomerCannotSeeOrCancelAnotherCustomersToken() {
            TestBank.Customer alice = bank.customer(1_000_00);
            TestBank.Customer mallory = bank.customer(0);
            String tokenId = stageWithdrawal(login(alice), alice, "100", null).text("tokenId");
            String session = login(mallory);

            assertThat(api.get("/api/v1/cardless/tokens/" + tokenId, session).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/cardless/tokens/" + tokenId + "/qr.png", session).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/cardless/tokens/" + tokenId, session).status()).isEqualTo(404);
            assertThat(bank.available(alice.accountId())).isEqualTo(900_00);
        }

        @Test
        void withoutASessionEveryCustomerCallIsRefused() {
            assertThat(api.get("/api/v1/accounts", null).status()).isEqualTo(401);
            assertThat(api.get("/api/v1/accounts", "Bearer not-a-session").irc()).isEqualTo("UNAUTHENTICATED");
        }

        @Test
        void aCustomerSessionCannotCallTheHubApi() {
            TestBank.Customer customer = bank.customer(0);

            Api.Response response = api.get("/api/hub/v1/token-keys", login(customer));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.irc()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Nested
    class Devices {

        @Test
        void bindsThePhoneOfTheSessionWithTheCodeSentBySms() {
            TestBank.Customer customer = bank.customer(0, null);
            Api.Response login = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", TestBank.PASSWORD, "deviceId", customer.deviceId()));
            assertThat(login.body().path("deviceBound").asBoolean()).isFalse();
            String session = Api.bearer(login.text("token"));

            String challengeId = api.post("/api/v1/devices/challenges", session, Map.of("name", "My phone"))
                    .text("id");
            String code = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();

            Api.Response bound = api.post("/api/v1/devices", session, Map.of("challengeId", challengeId,
                    "code", code));

            assertThat(bound.status()).isEqualTo(201);
            assertThat(api.get("/api/v1/devices", session).body().get(0).path("deviceId").asText())
                    .isEqualTo(customer.deviceId());
        }

        @Test
        void showsTheProfileWithAMaskedPhoneNumber() {
            TestBank.Customer customer = bank.customer(0);

            Api.Response me = api.get("/api/v1/me", login(customer));

            assertThat(me.text("username")).isEqualTo(customer.username());
            assertThat(me.text("phone")).matches("\\*{7}\\d{4}");
            assertThat(me.body().path("idNumberOnFile").isBoolean()).isTrue();
            assertThat(me.body().path("idNumberOnFile").asBoolean()).as("the counter recorded the ID number").isTrue();
            assertThat(me.body().toString()).doesNotContain(customer.idNumber());
        }
    }
}
