package io.branchlink.channel.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;

/**
 * What a hostile client can put in a JSON body is bounded while it is read: each of these bodies is answered with a
 * 400 problem naming the field, and no money moves. Before the limits, {@code 1e999999999} kept a request thread busy
 * for minutes (so each call here is also given a deadline: a regression fails instead of hanging the build), a
 * string amount staged a withdrawal, and a NUL byte in a login name answered 500.
 */
class JsonInputLimitsIntegrationTests extends ChannelIntegrationTest {

    /** Far longer than a refusal takes, far shorter than expanding a huge exponent. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Api.Response raw(String path, String authorization, String json) {
        return assertTimeoutPreemptively(DEADLINE, () -> api.call(HttpMethod.POST, path, authorization, json));
    }

    private String withdrawal(TestBank.Customer customer, String amountLiteral) {
        return "{\"accountId\":\"" + customer.accountId() + "\",\"amount\":" + amountLiteral + ",\"currency\":\"CNY\"}";
    }

    @Nested
    class Amounts {

        @ParameterizedTest
        @ValueSource(strings = {"1e999999999", "1E+400", "-1e999999999", "1e-999999999", "0.0000001",
                "1000000000000000"})
        void anAmountBeyondTheDigitLimitsIsRefusedAtOnceAndHoldsNothing(String amount) {
            TestBank.Customer customer = bank.customer(2_000_00);

            Api.Response response = raw("/api/v1/cardless/withdrawals", login(customer), withdrawal(customer, amount));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(response.body().path("fields").path("amount").asText())
                    .contains("at most 15 integer and 6 fraction digits");
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
        }

        @Test
        void aNumberLiteralLongerThanTheLimitIsRefusedBeforeItIsConverted() {
            TestBank.Customer customer = bank.customer(2_000_00);

            Api.Response response = raw("/api/v1/cardless/withdrawals", login(customer),
                    withdrawal(customer, "1" + "0".repeat(5_000)));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text("detail")).contains("input limits");
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
        }

        @Test
        void anAmountWrittenAsAStringIsRefusedAndStagesNothing() {
            TestBank.Customer customer = bank.customer(2_000_00);

            Api.Response response = raw("/api/v1/cardless/withdrawals", login(customer),
                    withdrawal(customer, "\"100\""));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("fields").path("amount").asText()).isEqualTo("must be a JSON number");
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
        }

        @Test
        void aBranchHubsRedemptionWithAHugeExponentIsRefusedToo() {
            TestBank.Branch branch = bank.branch();

            Api.Response response = raw("/api/hub/v1/withdrawals", Api.basic(branch.hubId(), branch.hubSecret()),
                    "{\"token\":\"BL:X\",\"terminalId\":\"" + branch.itm1() + "\",\"stan\":1,\"transmittedAt\":\""
                            + Instant.now(clock) + "\",\"amount\":1e999999999,\"currency\":\"CNY\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("fields").has("amount")).isTrue();
        }

        @Test
        void aWholeNumberWrittenAsAFractionIsNotTakenForAnInteger() {
            TestBank.Branch branch = bank.branch();

            Api.Response response = raw("/api/hub/v1/withdrawals", Api.basic(branch.hubId(), branch.hubSecret()),
                    "{\"token\":\"BL:X\",\"terminalId\":\"" + branch.itm1() + "\",\"stan\":1.5,\"transmittedAt\":\""
                            + Instant.now(clock) + "\",\"amount\":100,\"currency\":\"CNY\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("fields").path("stan").asText()).isEqualTo("must be a JSON number");
        }
    }

    @Nested
    class Text {

        @Test
        void aNulByteInALoginNameIsAClearRefusalNotAServerError() {
            TestBank.Customer customer = bank.customer(1_00);

            Api.Response response = raw("/api/v1/sessions", null, "{\"username\":\"" + customer.username()
                    + "\\u0000\",\"password\":\"" + TestBank.PASSWORD + "\",\"deviceId\":\"" + customer.deviceId()
                    + "\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(response.body().path("fields").path("username").asText())
                    .isEqualTo("must be text without control characters");
        }

        @Test
        void aControlCharacterInAPasswordIsRefusedWithoutEchoingIt() {
            TestBank.Customer customer = bank.customer(1_00);

            Api.Response response = raw("/api/v1/sessions", null, "{\"username\":\"" + customer.username()
                    + "\",\"password\":\"secret\\u0007\",\"deviceId\":\"" + customer.deviceId() + "\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(new String(response.bytes())).doesNotContain("secret");
        }

        @Test
        void aLoginNameOutsideItsAlphabetIsAFieldError() {
            TestBank.Customer customer = bank.customer(1_00);

            Api.Response response = raw("/api/v1/sessions", null, "{\"username\":\"alice; drop\",\"password\":\""
                    + TestBank.PASSWORD + "\",\"deviceId\":\"" + customer.deviceId() + "\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("fields").has("username")).isTrue();
        }

        @Test
        void aNumberWhereTextBelongsIsRefused() {
            TestBank.Customer customer = bank.customer(1_00);

            Api.Response response = raw("/api/v1/sessions", null, "{\"username\":12345,\"password\":\""
                    + TestBank.PASSWORD + "\",\"deviceId\":\"" + customer.deviceId() + "\"}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("fields").path("username").asText()).isEqualTo("must be a JSON string");
        }

        @Test
        void anOrdinaryLoginStillPasses() {
            TestBank.Customer customer = bank.customer(1_00);

            Api.Response response = raw("/api/v1/sessions", null, "{\"username\":\"" + customer.username()
                    + "\",\"password\":\"" + TestBank.PASSWORD + "\",\"deviceId\":\"" + customer.deviceId() + "\"}");

            assertThat(response.status()).isEqualTo(201);
        }
    }
}
