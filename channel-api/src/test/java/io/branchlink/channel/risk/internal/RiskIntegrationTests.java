package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class RiskIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    ApplicationContext context;

    static final String OPERATOR_AUTH = Api.basic(OPERATOR, OPERATOR_PASSWORD);

    @Autowired
    RiskEngine engine;

    @Autowired
    PlatformTransactionManager transactions;

    private TestBank.Branch branch;
    private TestBank.Customer customer;

    @BeforeEach
    void bankWithABranchPosition() {
        branch = bank.branch();
        customer = bank.customer(1_000_00);
        // the branch is in Shanghai
        jdbc.sql("insert into risk_branch_positions (branch_id, latitude, longitude) values (?, 31.2304, 121.4737)")
                .param(branch.id()).update();
    }

    private Map<String, Object> withdrawal(String amount, double latitude, double longitude) {
        Map<String, Object> body = new HashMap<>(Map.of("action", "CARDLESS_WITHDRAWAL",
                "customerId", customer.id().toString(), "deviceId", customer.deviceId(),
                "accountId", customer.accountId().toString(), "amount", new java.math.BigDecimal(amount), "currency", "CNY",
                "channel", "APP", "branchId", branch.id()));
        body.put("latitude", latitude);
        body.put("longitude", longitude);
        return body;
    }

    @Nested
    class OperatorAccess {

        @Test
        void refusesACallWithoutCredentials() {
            Api.Response response = api.get("/api/ops/v1/risk/features", null);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.irc()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.headers().getContentType()).hasToString("application/problem+json");
        }

        @Test
        void refusesACustomersBearerSession() {
            Api.Response response = api.get("/api/ops/v1/risk/decisions?customerId=" + customer.id(),
                    login(customer));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.irc()).isEqualTo("UNAUTHENTICATED");
        }

        @Test
        void refusesHubCredentialsAndAWrongPassword() {
            assertThat(api.get("/api/ops/v1/risk/features", Api.basic(branch.hubId(), branch.hubSecret())).status())
                    .isEqualTo(401);
            assertThat(api.get("/api/ops/v1/risk/features", Api.basic(OPERATOR, "wrong")).status()).isEqualTo(401);
        }

        @Test
        void listsTheCatalogueToAnOperator() {
            Api.Response response = api.get("/api/ops/v1/risk/features", OPERATOR_AUTH);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().path("count").asInt()).isGreaterThan(2_000)
                    .isEqualTo(response.body().path("names").size());
        }

        @Test
        void showsAndReloadsTheRules() {
            Api.Response rules = api.get("/api/ops/v1/risk/rules", OPERATOR_AUTH);
            assertThat(rules.status()).isEqualTo(200);
            assertThat(rules.text("source")).isEqualTo("classpath:risk/rules.yaml");
            Api.Response reload = api.post("/api/ops/v1/risk/rules/reload", OPERATOR_AUTH, Map.of());
            assertThat(reload.status()).isEqualTo(200);
            assertThat(reload.body().path("accepted").asBoolean()).isTrue();
            assertThat(reload.text("version")).isEqualTo(rules.text("version"));
        }
    }

    @Nested
    class Decisions {

        @Test
        void areStoredAndListedPerCustomerNewestFirst() {
            Api.Response near = api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH,
                    withdrawal("300.00", 31.2400, 121.4800));
            assertThat(near.status()).isEqualTo(200);
            assertThat(near.text("outcome")).isEqualTo("ALLOW");
            clock.advance(Duration.ofSeconds(1));

            Api.Response far = api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH,
                    withdrawal("300.00", 39.9042, 116.4074));
            assertThat(far.text("outcome")).isEqualTo("DENY");
            JsonNode reason = far.body().path("reasons").get(0);
            assertThat(reason.path("ruleId").asText()).isEqualTo("remote-cash-out");
            assertThat(reason.path("description").asText()).isEqualTo(
                    "Cash can only be collected at an ITM near the phone that asked for it.");
            assertThat(reason.path("features").path("point.distance_km").asDouble()).isGreaterThan(1000);

            Api.Response list = api.get("/api/ops/v1/risk/decisions?customerId=" + customer.id(), OPERATOR_AUTH);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).hasSize(2);
            assertThat(list.body().get(0).path("id").asText()).isEqualTo(far.text("id"));
            assertThat(list.body().get(0).path("decidedAt").asText()).isEqualTo(far.text("decidedAt"));
            assertThat(list.body().get(0).path("reasons").get(0).path("ruleId").asText())
                    .isEqualTo("remote-cash-out");
            assertThat(list.body().get(0).path("inputs").path("amount").asText()).isEqualTo("300.00");
            assertThat(list.body().get(0).path("inputs").path("latitude").asDouble()).isEqualTo(39.90);
            assertThat(list.body().get(1).path("id").asText()).isEqualTo(near.text("id"));

            TestBank.Customer other = bank.customer(0);
            assertThat(api.get("/api/ops/v1/risk/decisions?customerId=" + other.id(), OPERATOR_AUTH).body())
                    .isEmpty();
        }

        @Test
        void followRecordedEvents() {
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("/api/ops/v1/risk/events", OPERATOR_AUTH, withdrawal("100.00", 31.24, 121.48))
                        .status()).isEqualTo(202);
            }
            Api.Response burst = api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH,
                    withdrawal("100.00", 31.24, 121.48));
            assertThat(burst.text("outcome")).isEqualTo("STEP_UP");
            assertThat(burst.body().path("factors").toString()).isEqualTo("[\"SOFT_OTP\",\"BIOMETRIC\"]");
            assertThat(burst.body().path("reasons").get(0).path("ruleId").asText()).isEqualTo("velocity-burst");
            assertThat(burst.body().path("reasons").get(0).path("features")
                    .path("customer.count.1h.action.cardless_withdrawal").asDouble()).isEqualTo(3.0);

            clock.advance(Duration.ofHours(1));
            assertThat(api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH, withdrawal("100.00", 31.24, 121.48))
                    .text("outcome")).isEqualTo("ALLOW");
        }

        @Test
        void countAnActionOnlyOnceItsTransactionCommitted() {
            RiskRequest withdrawal = new RiskRequest(RiskAction.CARDLESS_WITHDRAWAL, customer.id(), customer.deviceId(),
                    customer.accountId(), Money.parse("100.00", "CNY"), null, null, RiskChannel.APP, null);
            String count = "customer.count.1h.action.cardless_withdrawal";
            TransactionTemplate transaction = new TransactionTemplate(transactions);

            transaction.executeWithoutResult(status -> {
                engine.recordAfterCommit(RiskEvent.of(withdrawal, clock.instant()));
                assertThat(engine.features(withdrawal).get(count)).isZero();
                status.setRollbackOnly();
            });
            assertThat(engine.features(withdrawal).get(count)).isZero();

            transaction.executeWithoutResult(status -> engine.recordAfterCommit(RiskEvent.of(withdrawal,
                    clock.instant())));
            assertThat(engine.features(withdrawal).get(count)).isEqualTo(1.0);

            engine.recordAfterCommit(RiskEvent.of(withdrawal, clock.instant()));
            assertThat(engine.features(withdrawal).get(count)).isEqualTo(2.0);
        }

        @Test
        void refuseAnInvalidRequestAsAProblem() {
            Map<String, Object> body = withdrawal("100.001", 31.24, 121.48);
            Api.Response badAmount = api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH, body);
            assertThat(badAmount.status()).isEqualTo(400);
            assertThat(badAmount.irc()).isEqualTo("INVALID_AMOUNT");

            body = withdrawal("100.00", 91, 121.48);
            body.remove("channel");
            Api.Response badFields = api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH, body);
            assertThat(badFields.status()).isEqualTo(400);
            assertThat(badFields.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(badFields.body().path("fields").has("channel")).isTrue();
            assertThat(badFields.body().path("fields").has("latitude")).isTrue();

            assertThat(api.get("/api/ops/v1/risk/decisions?customerId=" + customer.id() + "&limit=0", OPERATOR_AUTH)
                    .status()).isEqualTo(400);
            assertThat(api.get("/api/ops/v1/risk/decisions?customerId=nope", OPERATOR_AUTH).irc())
                    .isEqualTo("FORMAT_ERROR");
        }
    }

    /** The trusted and skipped-second-factor shares, from the counters the engine keeps per action. */
    @Nested
    class Metrics {

        @Autowired
        MeterRegistry meters;

        private double secondFactor(String result) {
            var counter = meters.find("branchlink.risk.second_factor").tags("action", "TRANSFER", "result", result)
                    .counter();
            return counter == null ? 0 : counter.count();
        }

        private double trusted() {
            var counter = meters.find("branchlink.risk.decisions").tags("action", "TRANSFER", "outcome", "ALLOW",
                    "trusted", "true").counter();
            return counter == null ? 0 : counter.count();
        }

        private Map<String, Object> transfer(String amount, String payee, Instant occurredAt) {
            Map<String, Object> body = new HashMap<>(Map.of("action", "TRANSFER",
                    "customerId", customer.id().toString(), "deviceId", customer.deviceId(),
                    "amount", new java.math.BigDecimal(amount), "counterparty", payee, "channel", "APP"));
            if (occurredAt != null) {
                body.put("occurredAt", occurredAt.toString());
            }
            return body;
        }

        @Test
        void countTrustedDecisionsAndSkippedSecondFactorsPerAction() {
            // 02:30 in Shanghai, when large amounts need a second factor
            Instant now = clock.instant();
            Instant night = now.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofMinutes(18 * 60 + 30));
            clock.advance(Duration.between(now, night.isAfter(now) ? night : night.plus(Duration.ofDays(1))));
            Instant at = clock.instant();
            for (int days : new int[] {40, 35, 30}) {
                Map<String, Object> login = new HashMap<>(Map.of("action", "LOGIN", "customerId",
                        customer.id().toString(), "deviceId", customer.deviceId(), "channel", "APP",
                        "occurredAt", at.minus(Duration.ofDays(days)).toString()));
                assertThat(api.post("/api/ops/v1/risk/events", OPERATOR_AUTH, login).status()).isEqualTo(202);
            }
            assertThat(api.post("/api/ops/v1/risk/events", OPERATOR_AUTH,
                    transfer("100.00", "landlord", at.minus(Duration.ofDays(35)))).status()).isEqualTo(202);
            double skipped = secondFactor("skipped");
            double required = secondFactor("required");
            double none = secondFactor("none");
            double trusted = trusted();

            Api.Response skipping = api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH,
                    transfer("6000.00", "landlord", null));
            assertThat(skipping.text("outcome")).isEqualTo("ALLOW");
            assertThat(skipping.body().path("trusted").asBoolean()).isTrue();
            assertThat(skipping.body().path("skippedSecondFactor").asBoolean()).isTrue();
            assertThat(skipping.body().path("reasons").get(1).path("ruleId").asText()).isEqualTo("night-large-amount");
            assertThat(api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH, transfer("6000.00", "stranger", null))
                    .text("outcome")).isEqualTo("STEP_UP");
            assertThat(api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH, transfer("100.00", "stranger", null))
                    .text("outcome")).isEqualTo("ALLOW");

            assertThat(secondFactor("skipped")).isEqualTo(skipped + 1);
            assertThat(secondFactor("required")).isEqualTo(required + 1);
            assertThat(secondFactor("none")).isEqualTo(none + 1);
            assertThat(trusted()).isEqualTo(trusted + 1);
            JsonNode stored = api.get("/api/ops/v1/risk/decisions?customerId=" + customer.id(), OPERATOR_AUTH).body();
            assertThat(stored).extracting(d -> d.path("skippedSecondFactor").asBoolean())
                    .containsExactly(false, false, true);
        }
    }

    @Nested
    class Restart {

        @Autowired
        RiskEventTail tail;

        @Autowired
        CelRiskRules rules;




        @Autowired
        RiskHolds holds;


        @Autowired
        MeterRegistry meters;

        @Test
        void aFreshEngineRebuildsTheSameStateFromTheEventTable() {
            Instant start = clock.instant();
            RiskLocation atBranch = new RiskLocation(31.24, 121.48, branch.id());
            for (int i = 0; i < 6; i++) {
                engine.record(new RiskEvent(start.minus(Duration.ofMinutes(50 - i)), i == 0 ? RiskAction.LOGIN
                        : RiskAction.TRANSFER, customer.id(), customer.deviceId(), customer.accountId(),
                        i == 0 ? null : Money.parse(i + "00.00", "CNY"), i == 0 ? null : "payee-" + i, atBranch,
                        RiskChannel.APP));
            }
            assertThat(jdbc.sql("select count(*) from risk_events where customer_id = ?").param(customer.id())
                    .query(Long.class).single()).isEqualTo(6);

            try (DefaultRiskEngine restarted = new RiskNodes(context).engine(tail, holds)) {
                rebuildsTheSameState(restarted, atBranch);
            }
        }

        private void rebuildsTheSameState(DefaultRiskEngine restarted, RiskLocation atBranch) {
            RiskRequest request = new RiskRequest(RiskAction.TRANSFER, customer.id(), customer.deviceId(),
                    customer.accountId(), Money.parse("250.00", "CNY"), "payee-new", atBranch, RiskChannel.APP, null);
            Instant now = clock.instant();
            Map<String, Double> before = ((DefaultRiskEngine) engine).features(request, now);
            Map<String, Double> after = restarted.features(request, now);
            assertThat(after).isEqualTo(before);
            assertThat(after).containsEntry("customer.count.1h.action.transfer", 5.0)
                    .containsEntry("customer.distinct_counterparty.1h", 5.0)
                    .containsEntry("customer.sum.1d.all", 1500.0);

            RiskDecision decision = restarted.decide(request);
            assertThat(decision.outcome()).isEqualTo(RiskDecision.Outcome.STEP_UP);
            assertThat(decision.reasons()).extracting(RiskDecision.Reason::ruleId).first().isEqualTo("mule-fan-out");
            assertThat(engine.decisions(customer.id(), 10)).extracting(RiskDecision::id).contains(decision.id());
            assertThat(List.copyOf(decision.reasons().get(0).features().keySet()))
                    .containsExactly("point.new_counterparty", "customer.distinct_counterparty.1d");
        }
    }
}
