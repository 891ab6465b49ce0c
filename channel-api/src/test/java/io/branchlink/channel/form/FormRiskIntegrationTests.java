package io.branchlink.channel.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.TestBank;
import io.branchlink.channel.support.TestRiskRules;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The risk engine asked before a counter form is executed, on the rules of {@link TestRiskRules}: a DENY refuses
 * the execution (recorded {@code FAILED}, no business, the same answer again), a STEP_UP is satisfied by the teller's
 * ID check, and a phone-number change is asked about and recorded as such.
 */
@TestPropertySource(properties = TestRiskRules.PROPERTY)
class FormRiskIntegrationTests extends FormTestSupport {

    static final String OPERATOR_AUTH = Api.basic(OPERATOR, OPERATOR_PASSWORD);

    TestBank.Branch branch;
    TestBank.Customer customer;
    String session;

    @BeforeEach
    void branchAndCustomer() {
        branch = bank.branch();
        customer = bank.customer(100_000_00);
        session = login(customer);
    }

    private Staged remittance(String amount) {
        return submitAndStage(session, "TRANSFER_REMITTANCE", form(customer, "fromAccount", customer.accountNumber(),
                "payeeName", "Zhang San", "payeeAccount", "6217001234567890123", "payeeBank",
                "China Construction Bank", "amount", amount, "speed", "REALTIME"), branch);
    }

    private Staged phoneChange(String mobile) {
        return submitAndStage(session, "PERSONAL_INFO_CHANGE", form(customer, "newMobile", mobile), branch);
    }

    /** Flags the customer for the rule {@code test-flagged-customer}: one event on the web channel. */
    private void flag() {
        Api.Response recorded = api.post("/api/ops/v1/risk/events", OPERATOR_AUTH, Map.of("action", "LOGIN",
                "customerId", customer.id(), "channel", "WEB"));
        assertThat(recorded.status()).isEqualTo(202);
    }

    /** The customer's decisions at the counter, newest first (the phone's login is decided too, on the app). */
    private JsonNode decisions() {
        ArrayNode atTheCounter = JsonNodeFactory.instance.arrayNode();
        api.get("/api/ops/v1/risk/decisions?customerId=" + customer.id(), OPERATOR_AUTH).body().forEach(decision -> {
            if ("COUNTER".equals(decision.path("inputs").path("channel").asText())) {
                atTheCounter.add(decision);
            }
        });
        return atTheCounter;
    }

    private int events(String action) {
        return jdbc.sql("select count(*) from risk_events where customer_id = ? and action = ? and channel = 'COUNTER'")
                .params(customer.id(), action).query(Integer.class).single();
    }

    private String phone() {
        return jdbc.sql("select phone from customers where id = ?").param(customer.id()).query(String.class).single();
    }

    @Nested
    class Deny {

        @Test
        void refusesTheExecutionAndMovesNoMoney() {
            Staged staged = remittance("1500.00");
            flag();

            Api.Response refused = confirm(branch, staged.tokenId());

            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.text("outcome")).isEqualTo("FAILED");
            assertThat(refused.text("message")).startsWith("Refused by the bank's risk checks.")
                    .contains("held for review");
            assertThat(refused.body().path("voucher").isNull()).isTrue();
            assertThat(refused.body().path("result").path("riskDecision").asText())
                    .isEqualTo(decisions().get(0).path("id").asText());
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00);
            assertThat(draftStatus(staged.draftId())).isEqualTo("FAILED");
            assertThat(events("FORM_EXECUTION")).isZero();
        }

        @Test
        void asksAboutTheCustomerTheAccountTheAmountThePayeeAndTheCountersBranch() {
            Staged staged = remittance("1500.00");
            flag();

            confirm(branch, staged.tokenId());

            JsonNode decision = decisions().get(0);
            assertThat(decision.path("action").asText()).isEqualTo("FORM_EXECUTION");
            assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
            assertThat(decision.path("reasons").get(0).path("ruleId").asText()).isEqualTo("test-flagged-customer");
            JsonNode inputs = decision.path("inputs");
            assertThat(inputs.path("channel").asText()).isEqualTo("COUNTER");
            assertThat(inputs.path("branchId").asText()).isEqualTo(branch.id());
            assertThat(inputs.path("accountId").asText()).isEqualTo(customer.accountId().toString());
            assertThat(inputs.path("amount").asText()).isEqualTo("1500.00");
            assertThat(inputs.path("counterparty").asText()).isEqualTo("6217001234567890123");
            assertThat(inputs.has("deviceId")).isFalse();
        }

        @Test
        void aSecondClickGetsTheSameRefusal() {
            Staged staged = remittance("1500.00");
            flag();
            String confirmation = UUID.randomUUID().toString();
            Api.Response first = execute(branch, staged.tokenId(), confirmation, "CONFIRM", null);

            Api.Response again = execute(branch, staged.tokenId(), confirmation, "CONFIRM", null);
            Api.Response another = confirm(branch, staged.tokenId());

            assertThat(again.body()).isEqualTo(first.body());
            assertThat(another.status()).isEqualTo(409);
            assertThat(another.text("code")).isEqualTo("FORM_ALREADY_DECIDED");
            assertThat(another.body().path("existing").path("outcome").asText()).isEqualTo("FAILED");
            assertThat(another.body().path("existing").path("message").asText()).isEqualTo(first.text("message"));
            assertThat(decisions()).hasSize(1);
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00);
        }

        @Test
        void theAppShowsTheRefusalAsTheFormsOutcome() {
            Staged staged = remittance("1500.00");
            flag();
            Api.Response refused = confirm(branch, staged.tokenId());

            JsonNode draft = api.get("/api/v1/forms/drafts/" + staged.draftId(), session).body();

            assertThat(draft.path("status").asText()).isEqualTo("FAILED");
            assertThat(draft.path("outcome").path("outcome").asText()).isEqualTo("FAILED");
            assertThat(draft.path("outcome").path("message").asText()).isEqualTo(refused.text("message"));
        }

        @Test
        void aRejectionByTheTellerIsNotAskedAbout() {
            Staged staged = remittance("1500.00");
            flag();

            Api.Response rejected = execute(branch, staged.tokenId(), UUID.randomUUID().toString(), "REJECT",
                    "Customer changed their mind");

            assertThat(rejected.text("outcome")).isEqualTo("REJECTED");
            assertThat(decisions()).isEmpty();
        }
    }

    @Nested
    class StepUp {

        @Test
        void isSatisfiedByTheTellersIdCheckAndTheFormIsExecuted() {
            Staged staged = remittance(TestRiskRules.STEP_UP_AMOUNT + ".00");

            Api.Response executed = confirm(branch, staged.tokenId());

            assertThat(executed.text("outcome")).as("execution: %s", executed.body()).isEqualTo("EXECUTED");
            JsonNode decision = decisions().get(0);
            assertThat(decision.path("outcome").asText()).isEqualTo("STEP_UP");
            assertThat(executed.body().path("result").path("secondFactor").asText())
                    .isEqualTo("ID_CHECKED_AT_COUNTER");
            assertThat(executed.body().path("result").path("riskDecision").asText())
                    .isEqualTo(decision.path("id").asText());
            assertThat(bank.balance(customer.accountId())).isEqualTo(100_000_00 - 4_400_00);
            assertThat(events("FORM_EXECUTION")).isEqualTo(1);
        }

        @Test
        void anAllowedExecutionCarriesNoRiskEntriesInItsResult() {
            Staged staged = remittance("1500.00");

            Api.Response executed = confirm(branch, staged.tokenId());

            assertThat(executed.text("outcome")).isEqualTo("EXECUTED");
            assertThat(executed.body().path("result").has("riskDecision")).isFalse();
            assertThat(decisions()).extracting(d -> d.path("outcome").asText()).containsExactly("ALLOW");
            assertThat(jdbc.sql("""
                    select amount_minor from risk_events
                     where customer_id = ? and action = 'FORM_EXECUTION' and channel = 'COUNTER'
                    """).param(customer.id()).query(Long.class).single()).isEqualTo(1_500_00);
        }
    }

    @Nested
    class PhoneChange {

        @Test
        void isAskedAboutAndRecordedOnceTheNumberChanged() {
            Staged staged = phoneChange("13911112222");

            Api.Response executed = confirm(branch, staged.tokenId());

            assertThat(executed.text("outcome")).isEqualTo("EXECUTED");
            assertThat(decisions()).extracting(d -> d.path("action").asText())
                    .containsExactlyInAnyOrder("FORM_EXECUTION", "PHONE_CHANGE");
            assertThat(events("PHONE_CHANGE")).isEqualTo(1);
            assertThat(events("FORM_EXECUTION")).isEqualTo(1);
        }

        @Test
        void aSecondChangeWithinTheCoolOffIsRefusedAndTheNumberStays() {
            Staged first = phoneChange("13911112222");
            Staged second = phoneChange("13933334444");
            assertThat(confirm(branch, first.tokenId()).text("outcome")).isEqualTo("EXECUTED");

            Api.Response refused = confirm(branch, second.tokenId());

            assertThat(refused.text("outcome")).isEqualTo("FAILED");
            assertThat(refused.text("message")).contains("cannot be changed again yet");
            assertThat(phone()).isEqualTo("13911112222");
            assertThat(events("PHONE_CHANGE")).isEqualTo(1);
        }

        @Test
        void aChangeThatKeepsTheNumberIsNotRecordedAsAPhoneChange() {
            Staged staged = phoneChange(customer.phone());

            assertThat(confirm(branch, staged.tokenId()).text("outcome")).isEqualTo("EXECUTED");

            assertThat(events("PHONE_CHANGE")).isZero();
            assertThat(events("FORM_EXECUTION")).isEqualTo(1);
        }

        @Test
        void aFormThatNamesNoNewNumberIsNotAskedAboutAPhoneChange() {
            Staged staged = submitAndStage(session, "PERSONAL_INFO_CHANGE", form(customer, "newAddress",
                    "1 Lake Road, Hangzhou"), branch);

            assertThat(confirm(branch, staged.tokenId()).text("outcome")).isEqualTo("EXECUTED");

            assertThat(decisions()).extracting(d -> d.path("action").asText()).containsExactly("FORM_EXECUTION");
        }
    }
}
