package io.branchlink.channel.loan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.CreditBureauDouble;
import io.branchlink.channel.support.TestBank;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LoanApplicationIntegrationTests extends ChannelIntegrationTest {

    @Nested
    class Approve {

        @Test
        void aCleanReportOpensAnOfferedLineWithBandAsLimitAndRate() {
            TestBank.Customer customer = bank.customer(1_000_00);
            CreditBureauDouble.cleanReport(customer.idNumber());
            String session = login(customer);

            Api.Response applied = applyConfirmed(session, customer, null);

            assertThat(applied.status()).as(applied.body().toString()).isEqualTo(201);
            assertThat(applied.text("status")).isEqualTo("APPROVED");
            assertThat(applied.text("band")).isEqualTo("A");
            assertThat(applied.body().path("reasons")).isEmpty();
            var loan = applied.body().path("loan");
            assertThat(loan.path("status").asText()).isEqualTo("OFFERED");
            assertThat(loan.path("limit").decimalValue()).isEqualByComparingTo("200000.00");
            assertThat(loan.path("available").decimalValue()).as("nothing to draw before signing").isZero();
            assertThat(loan.path("annualRate").decimalValue()).isEqualByComparingTo("0.072");
            assertThat(loan.path("penaltyRate").decimalValue()).isEqualByComparingTo("0.036");
            assertThat(loan.path("example")).hasSize(12);
            assertThat(loan.path("contract").isNull()).isTrue();
            // once, or twice when the risk engine asked for a step-up and the application was sent again
            assertThat(CreditBureauDouble.asked(customer.idNumber())).isBetween(1, 2);

            Api.Response listed = api.get("/api/v1/loans", session);
            assertThat(listed.body()).singleElement()
                    .satisfies(l -> assertThat(l.path("id").asText()).isEqualTo(loan.path("id").asText()));
            assertThat(jdbc.sql("select status from loan_applications where customer_id = ?").param(customer.id())
                    .query(String.class).list()).containsExactly("APPROVED");
        }

        @Test
        void aSecondApplicationWhileALineIsOpenIsAConflictAndAsksNoBureau() {
            TestBank.Customer customer = bank.customer(1_000_00);
            CreditBureauDouble.cleanReport(customer.idNumber());
            String session = login(customer);
            assertThat(applyConfirmed(session, customer, null).status()).isEqualTo(201);
            int asked = CreditBureauDouble.asked(customer.idNumber());

            Api.Response again = apply(session, customer, null, null);

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.irc()).isEqualTo("CONFLICT");
            assertThat(CreditBureauDouble.asked(customer.idNumber())).isEqualTo(asked);
        }

        @Test
        void aPersonTheBureauHasNoFileOnGetsTheSmallestLine() {
            TestBank.Customer customer = bank.customer(1_000_00);
            CreditBureauDouble.noFile(customer.idNumber());
            String session = login(customer);

            Api.Response applied = applyConfirmed(session, customer, null);

            assertThat(applied.text("status")).isEqualTo("APPROVED");
            assertThat(applied.text("band")).isEqualTo("C");
            assertThat(applied.body().path("loan").path("limit").decimalValue()).isEqualByComparingTo("30000.00");
            assertThat(applied.body().path("loan").path("annualRate").decimalValue()).isEqualByComparingTo("0.144");
        }

        @Test
        void aProfileWithoutAnIdNumberTakesTheOneTheRequestCarries() {
            TestBank.Customer customer = bank.customer(1_000_00);
            jdbc.sql("update customers set id_number = null where id = ?").param(customer.id()).update();
            String session = login(customer);

            Api.Response missing = apply(session, customer, null, null);
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.irc()).isEqualTo("MISSING_FIELD");

            String wrongCheckDigit = customer.idNumber().substring(0, 17)
                    + (customer.idNumber().charAt(17) == '1' ? "2" : "1");
            Api.Response invalid = apply(session, customer, wrongCheckDigit, null);
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.irc()).isEqualTo("FORMAT_ERROR");

            CreditBureauDouble.cleanReport(customer.idNumber());
            Api.Response applied = applyConfirmed(session, customer, customer.idNumber());
            assertThat(applied.status()).as(applied.body().toString()).isEqualTo(201);
            assertThat(applied.text("status")).isEqualTo("APPROVED");
        }

        @Test
        void anIdNumberThatDiffersFromTheProfileIsRefused() {
            TestBank.Customer customer = bank.customer(1_000_00);
            String session = login(customer);

            Api.Response applied = apply(session, customer, TestBank.idNumber(), null);

            assertThat(applied.status()).isEqualTo(422);
            assertThat(applied.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(CreditBureauDouble.asked(customer.idNumber())).isZero();
        }
    }

    @Nested
    class Decline {

        @Test
        void aPoorReportIsDeclinedWithReasonsSafeToShowAndOpensNoLine() {
            TestBank.Customer customer = bank.customer(1_000_00);
            CreditBureauDouble.poorReport(customer.idNumber());
            String session = login(customer);

            Api.Response applied = apply(session, customer, null, null);

            assertThat(applied.status()).isEqualTo(201);
            assertThat(applied.text("status")).isEqualTo("DECLINED");
            assertThat(applied.body().path("loan").isNull()).isTrue();
            assertThat(applied.body().path("reasons")).extracting(n -> n.asText()).containsExactly(
                    "Your credit report shows recent late payments.",
                    "You use a large part of your existing credit limits.");
            assertThat(applied.body().toString()).doesNotContain("score", customer.idNumber());
            assertThat(api.get("/api/v1/loans", session).body()).isEmpty();
            assertThat(jdbc.sql("select status from loan_applications where customer_id = ?").param(customer.id())
                    .query(String.class).list()).containsExactly("DECLINED");
        }
    }

    @Nested
    class BureauDown {

        @Test
        void aResetConnectionIsA503AndRecordsNothing() {
            TestBank.Customer customer = bank.customer(1_000_00);
            CreditBureauDouble.answer(customer.idNumber(), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
            String session = login(customer);

            Api.Response applied = apply(session, customer, null, null);

            assertUnavailableAndNothingRecorded(customer, applied);
        }

        @Test
        void aBureauSlowerThanTheReadTimeoutIsA503() {
            TestBank.Customer customer = bank.customer(1_000_00);
            CreditBureauDouble.answer(customer.idNumber(), aResponse().withStatus(200)
                    .withFixedDelay((int) Duration.ofMillis(1_600).toMillis()).withBody("{}"));
            String session = login(customer);

            Api.Response applied = apply(session, customer, null, null);

            assertUnavailableAndNothingRecorded(customer, applied);
        }

        @Test
        void anErrorOrAMalformedReportIsA503() {
            TestBank.Customer customer = bank.customer(1_000_00);
            String session = login(customer);
            CreditBureauDouble.answer(customer.idNumber(), aResponse().withStatus(500));
            assertUnavailableAndNothingRecorded(customer, apply(session, customer, null, null));

            CreditBureauDouble.answer(customer.idNumber(), aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"reportId\": \"R1\"}"));
            assertUnavailableAndNothingRecorded(customer, apply(session, customer, null, null));
        }

        private void assertUnavailableAndNothingRecorded(TestBank.Customer customer, Api.Response applied) {
            assertThat(applied.status()).isEqualTo(503);
            assertThat(applied.irc()).isEqualTo("HOST_UNREACHABLE");
            assertThat(applied.text("detail")).contains("credit bureau", "Nothing was recorded");
            assertThat(jdbc.sql("select count(*) from loan_applications where customer_id = ?").param(customer.id())
                    .query(Integer.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from loans where customer_id = ?").param(customer.id())
                    .query(Integer.class).single()).isZero();
        }
    }

    @Test
    void anotherCustomersAccountIsNotFound() {
        TestBank.Customer customer = bank.customer(1_000_00);
        TestBank.Customer other = bank.customer(1_000_00);
        String session = login(customer);

        Api.Response applied = api.post("/api/v1/loans/applications", session,
                Map.of("accountId", other.accountId()));

        assertThat(applied.status()).isEqualTo(404);
        assertThat(CreditBureauDouble.asked(customer.idNumber())).isZero();
    }

    private Api.Response apply(String session, TestBank.Customer customer, String residentId, String stepUpId) {
        Map<String, Object> body = new HashMap<>(Map.of("accountId", customer.accountId()));
        if (residentId != null) {
            body.put("residentId", residentId);
        }
        if (stepUpId != null) {
            body.put("stepUpId", stepUpId);
        }
        return api.post("/api/v1/loans/applications", session, body);
    }

    /**
     * Applies from a phone enrolled for soft OTP, passing a step-up with a code when the risk engine asks for one (a
     * large amount at night).
     */
    private Api.Response applyConfirmed(String session, TestBank.Customer customer, String residentId) {
        String secret = bank.enrolOtp(customer);
        Api.Response applied = apply(session, customer, residentId, null);
        if ("STEP_UP_REQUIRED".equals(applied.irc())) {
            clock.advance(Duration.ofSeconds(30));
            applied = apply(session, customer, residentId, passStepUpWithOtp(session, applied, secret, 0));
        }
        return applied;
    }
}
