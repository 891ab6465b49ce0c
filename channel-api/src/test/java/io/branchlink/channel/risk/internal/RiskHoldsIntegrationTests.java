package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Hold lists through the operators' HTTP API: a held customer, device or account is denied before any rule. */
class RiskHoldsIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    ApplicationContext context;

    static final String OPERATOR_AUTH = Api.basic(OPERATOR, OPERATOR_PASSWORD);
    static final String HOLDS = "/api/ops/v1/risk/holds";

    @Autowired
    RiskEventTail tail;

    @Autowired
    RiskTailProperties tailSettings;






    @Autowired
    Clock appClock;


    private TestBank.Customer customer;

    @BeforeEach
    void aCustomer() {
        customer = bank.customer(1_000_00);
    }

    private Map<String, Object> transfer(TestBank.Customer who, String device) {
        return new HashMap<>(Map.of("action", "TRANSFER", "customerId", who.id().toString(), "deviceId", device,
                "accountId", who.accountId().toString(), "amount", new BigDecimal("100.00"), "counterparty",
                "payee-1", "channel", "APP"));
    }

    private Api.Response decide(Map<String, Object> body) {
        Api.Response response = api.post("/api/ops/v1/risk/decisions", OPERATOR_AUTH, body);
        assertThat(response.status()).isEqualTo(200);
        return response;
    }

    private Api.Response place(String kind, String key, String reason, Instant until, UUID customerId) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", kind, "key", key, "reason", reason));
        if (until != null) {
            body.put("until", until.toString());
        }
        if (customerId != null) {
            body.put("customerId", customerId.toString());
        }
        return api.post(HOLDS, OPERATOR_AUTH, body);
    }

    private static void deniedByHold(Api.Response decision, String kind, String description) {
        assertThat(decision.text("outcome")).isEqualTo("DENY");
        assertThat(decision.body().path("trusted").asBoolean()).isFalse();
        assertThat(decision.body().path("reasons")).hasSize(1);
        JsonNode reason = decision.body().path("reasons").get(0);
        assertThat(reason.path("ruleId").asText()).isEqualTo("hold");
        assertThat(reason.path("description").asText()).isEqualTo(description);
        assertThat(reason.path("features").path("hold." + kind).asDouble()).isEqualTo(1.0);
    }

    @Nested
    class Operators {

        @Test
        void placeAHoldThatDeniesAtOnceAndReleaseIt() {
            Api.Response placed = place("CUSTOMER", customer.id().toString(), "Reported stolen phone, case 4711",
                    null, null);
            assertThat(placed.status()).isEqualTo(201);
            assertThat(placed.text("placedBy")).isEqualTo(OPERATOR);
            assertThat(placed.text("customerId")).isEqualTo(customer.id().toString());
            assertThat(placed.body().path("inForce").asBoolean()).isTrue();

            Api.Response denied = decide(transfer(customer, customer.deviceId()));
            deniedByHold(denied, "customer", "Your account is on hold. Please contact the bank.");
            assertThat(new String(denied.bytes(), StandardCharsets.UTF_8)).doesNotContain("4711");
            assertThat(api.get("/api/ops/v1/risk/decisions?customerId=" + customer.id(), OPERATOR_AUTH).body()
                    .get(0).path("reasons").get(0).path("ruleId").asText()).isEqualTo("hold");

            clock.advance(Duration.ofMinutes(5));
            Api.Response released = api.delete(HOLDS + "/" + placed.text("id"), OPERATOR_AUTH);
            assertThat(released.status()).isEqualTo(200);
            assertThat(released.text("releasedBy")).isEqualTo(OPERATOR);
            assertThat(released.text("releasedAt")).isNotNull();
            assertThat(released.body().path("inForce").asBoolean()).isFalse();

            assertThat(decide(transfer(customer, customer.deviceId())).text("outcome")).isEqualTo("ALLOW");

            Api.Response listed = api.get(HOLDS + "?customerId=" + customer.id(), OPERATOR_AUTH);
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body()).hasSize(1);
            assertThat(listed.body().get(0).path("reason").asText()).isEqualTo("Reported stolen phone, case 4711");
            assertThat(listed.body().get(0).path("releasedBy").asText()).isEqualTo(OPERATOR);

            assertThat(api.delete(HOLDS + "/" + placed.text("id"), OPERATOR_AUTH).irc()).isEqualTo("CONFLICT");
            assertThat(api.delete(HOLDS + "/" + UUID.randomUUID(), OPERATOR_AUTH).status()).isEqualTo(404);
        }

        @Test
        void holdADeviceOrAnAccountWhoeverAsks() {
            TestBank.Customer other = bank.customer(0);
            String device = "phone-" + UUID.randomUUID();
            assertThat(place("DEVICE", device, "Seen in a mule ring", null, null).status()).isEqualTo(201);
            deniedByHold(decide(transfer(customer, device)), "device",
                    "This phone is on hold. Please contact the bank.");
            deniedByHold(decide(transfer(other, device)), "device", "This phone is on hold. Please contact the bank.");
            assertThat(decide(transfer(other, other.deviceId())).text("outcome")).isEqualTo("ALLOW");

            assertThat(place("ACCOUNT", customer.accountId().toString(), "Court order", null, customer.id())
                    .status()).isEqualTo(201);
            Api.Response both = decide(transfer(customer, device));
            assertThat(both.body().path("reasons").get(0).path("description").asText())
                    .isEqualTo("This account is on hold. Please contact the bank.");
            assertThat(both.body().path("reasons").get(0).path("features").path("hold.device").asDouble())
                    .isEqualTo(1.0);
            assertThat(api.get(HOLDS + "?customerId=" + customer.id(), OPERATOR_AUTH).body())
                    .extracting(hold -> hold.path("kind").asText()).containsExactly("ACCOUNT");
            assertThat(api.get(HOLDS + "?active=true", OPERATOR_AUTH).body())
                    .extracting(hold -> hold.path("key").asText()).contains(device, customer.accountId().toString());
        }

        @Test
        void aHoldEndsByItselfAtItsEnd() {
            Api.Response placed = place("CUSTOMER", customer.id().toString(), "Until the call-back",
                    clock.instant().plus(Duration.ofHours(1)), null);
            assertThat(placed.status()).isEqualTo(201);
            assertThat(decide(transfer(customer, customer.deviceId())).text("outcome")).isEqualTo("DENY");

            clock.advance(Duration.ofMinutes(61));
            assertThat(decide(transfer(customer, customer.deviceId())).text("outcome")).isEqualTo("ALLOW");
            assertThat(api.get(HOLDS + "?active=true&limit=500", OPERATOR_AUTH).body())
                    .extracting(hold -> hold.path("id").asText()).doesNotContain(placed.text("id"));
            assertThat(api.get(HOLDS + "?customerId=" + customer.id(), OPERATOR_AUTH).body().get(0)
                    .path("inForce").asBoolean()).isFalse();
            try (RiskHolds loaded = new RiskNodes(context).holds(tailSettings)) {
                assertThat(loaded.held(request(customer), appClock.instant())).isEmpty();
            }
        }

        @Test
        void refuseUnauthenticatedAndInvalidRequestsAsProblems() {
            Map<String, Object> valid = Map.of("kind", "CUSTOMER", "key", customer.id().toString(), "reason", "r");
            assertThat(api.post(HOLDS, null, valid).irc()).isEqualTo("UNAUTHENTICATED");
            assertThat(api.post(HOLDS, login(customer), valid).status()).isEqualTo(401);
            assertThat(api.delete(HOLDS + "/" + UUID.randomUUID(), null).status()).isEqualTo(401);
            assertThat(api.get(HOLDS + "?active=true", Api.basic(OPERATOR, "wrong")).status()).isEqualTo(401);

            Api.Response fields = api.post(HOLDS, OPERATOR_AUTH, Map.of("kind", "CUSTOMER", "key", "x".repeat(65),
                    "reason", "r".repeat(501)));
            assertThat(fields.status()).isEqualTo(400);
            assertThat(fields.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(fields.body().path("fields").has("key")).isTrue();
            assertThat(fields.body().path("fields").has("reason")).isTrue();
            assertThat(api.post(HOLDS, OPERATOR_AUTH, Map.of("kind", "COUNTERPARTY", "key", "k", "reason", "r"))
                    .irc()).isEqualTo("FORMAT_ERROR");
            assertThat(place("ACCOUNT", "not-a-uuid", "r", null, null).irc()).isEqualTo("FORMAT_ERROR");
            assertThat(place("CUSTOMER", customer.id().toString(), "r", clock.instant().minusSeconds(1), null).irc())
                    .isEqualTo("FORMAT_ERROR");
            assertThat(api.get(HOLDS, OPERATOR_AUTH).irc()).isEqualTo("FORMAT_ERROR");
            assertThat(api.get(HOLDS + "?active=false", OPERATOR_AUTH).irc()).isEqualTo("FORMAT_ERROR");
            assertThat(api.get(HOLDS + "?active=true&limit=501", OPERATOR_AUTH).status()).isEqualTo(400);

            assertThat(api.get(HOLDS + "?customerId=" + customer.id(), OPERATOR_AUTH).body()).isEmpty();
            assertThat(decide(transfer(customer, customer.deviceId())).text("outcome")).isEqualTo("ALLOW");
        }

        @Test
        void areDocumentedInOpenApi() {
            JsonNode paths = api.get("/v3/api-docs", null).body().path("paths");
            assertThat(paths.path(HOLDS).has("post")).isTrue();
            assertThat(paths.path(HOLDS).has("get")).isTrue();
            assertThat(paths.path(HOLDS + "/{id}").has("delete")).isTrue();
        }
    }

    @Nested
    class Rules {

        @Test
        void theSharedDeviceRuleHoldsThePhoneForADay() {
            String shared = "shared-" + UUID.randomUUID();
            TestBank.Customer owner = bank.customer(0);
            for (TestBank.Customer other : new TestBank.Customer[] {owner, bank.customer(0), bank.customer(0)}) {
                Map<String, Object> login = new HashMap<>(Map.of("action", "LOGIN", "customerId",
                        other.id().toString(), "deviceId", shared, "channel", "APP"));
                assertThat(api.post("/api/ops/v1/risk/events", OPERATOR_AUTH, login).status()).isEqualTo(202);
            }
            Map<String, Object> login = new HashMap<>(Map.of("action", "LOGIN", "customerId",
                    customer.id().toString(), "deviceId", shared, "channel", "APP"));
            Api.Response denied = decide(login);
            assertThat(denied.text("outcome")).isEqualTo("DENY");
            assertThat(denied.body().path("reasons").get(0).path("ruleId").asText())
                    .isEqualTo("velocity-shared-device");

            JsonNode hold = api.get(HOLDS + "?customerId=" + customer.id(), OPERATOR_AUTH).body().get(0);
            assertThat(hold.path("kind").asText()).isEqualTo("DEVICE");
            assertThat(hold.path("key").asText()).isEqualTo(shared);
            assertThat(hold.path("placedBy").asText()).isEqualTo("rule:velocity-shared-device");
            assertThat(Duration.between(Instant.parse(hold.path("placedAt").asText()),
                    Instant.parse(hold.path("until").asText()))).isEqualTo(Duration.ofHours(24));

            // the phone's own customer, whom the rule does not stop, is held too
            Map<String, Object> ownerLogin = new HashMap<>(login);
            ownerLogin.put("customerId", owner.id().toString());
            deniedByHold(decide(ownerLogin), "device", "This phone is on hold. Please contact the bank.");

            clock.advance(Duration.ofHours(25));
            assertThat(decide(ownerLogin).text("outcome")).isEqualTo("ALLOW");
        }
    }

    @Nested
    class Transactions {

        @Autowired
        RiskHolds holds;

        @Autowired
        PlatformTransactionManager transactions;

        @Test
        void aHoldPlacedInATransactionThatRollsBackIsNotKept() {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                holds.place(RiskHold.Kind.CUSTOMER, customer.id().toString(), null, "rule:test", "Rolled back", null);
                status.setRollbackOnly();
            });
            assertThat(holds.held(request(customer), appClock.instant())).isEmpty();
            assertThat(api.get(HOLDS + "?customerId=" + customer.id(), OPERATOR_AUTH).body()).isEmpty();

            new TransactionTemplate(transactions).executeWithoutResult(status -> holds.place(RiskHold.Kind.CUSTOMER,
                    customer.id().toString(), null, "rule:test", "Committed", null));
            assertThat(holds.held(request(customer), appClock.instant())).containsExactly(RiskHold.Kind.CUSTOMER);
        }
    }

    @Nested
    class Restart {

        @Test
        void aFreshEngineLoadsTheHoldsInForce() {
            String kept = place("CUSTOMER", customer.id().toString(), "Kept", null, null).text("id");
            TestBank.Customer released = bank.customer(0);
            String gone = place("CUSTOMER", released.id().toString(), "Released", null, null).text("id");
            assertThat(api.delete(HOLDS + "/" + gone, OPERATOR_AUTH).status()).isEqualTo(200);

            RiskNodes nodes = new RiskNodes(context);
            try (RiskHolds loaded = nodes.holds(tailSettings);
                    DefaultRiskEngine restarted = nodes.engine(tail, loaded)) {
                RiskDecision denied = restarted.decide(request(customer));
                assertThat(denied.outcome()).isEqualTo(RiskDecision.Outcome.DENY);
                assertThat(denied.reasons()).extracting(RiskDecision.Reason::ruleId).containsExactly("hold");
                assertThat(restarted.decide(request(released)).outcome()).isEqualTo(RiskDecision.Outcome.ALLOW);
            }
            assertThat(kept).isNotNull();
        }
    }

    static RiskRequest request(TestBank.Customer who) {
        return new RiskRequest(RiskAction.TRANSFER, who.id(), who.deviceId(), who.accountId(),
                Money.parse("100.00", "CNY"), "payee-1", null, RiskChannel.APP, null);
    }
}
