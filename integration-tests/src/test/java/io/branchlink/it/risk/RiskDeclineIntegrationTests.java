package io.branchlink.it.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.demo.Branch;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.sim.app.SimulatedApp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The risk engine's decline at the ITM through the real stack: a takeover signal (a phone bound a moment ago, told
 * to channel-api through the operators' API) makes the default rule {@code ato-cooloff-cash-out} deny a redemption
 * above 1,000; the hub answers the 0200 with field 39 = 59 and the agent declines with nothing dispensed.
 */
class RiskDeclineIntegrationTests extends EndToEndTest {

    private static final Money FIFTEEN_HUNDRED = Money.parse("1500", "CNY");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRedemptionAfterATakeoverSignalIsDeclinedWith59AndNothingMoves() throws Exception {
        Customer customer = customer("3000");
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), FIFTEEN_HUNDRED, "BR001");
        UUID customerId = customerOf(customer);
        asOperator("POST", "/api/ops/v1/risk/events", JSON.writeValueAsString(java.util.Map.of(
                "action", "DEVICE_BINDING", "customerId", customerId, "deviceId", "other-phone-" + customerId,
                "channel", "APP")), 202);
        Money cashBefore = itm1().physicalCash();

        itm1().camera().present(customer.app().qrShownOnScreen(staged));
        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        // RISK_DECLINED is what the agent reads back from field 39 = 59, and from no other code
        assertThat(outcome.result()).isEqualTo(Result.DECLINED);
        assertThat(outcome.irc()).isEqualTo(Irc.RISK_DECLINED);
        assertThat(outcome.screenId()).isEqualTo("DECLINED");
        assertThat(outcome.delivered().isPositive()).isFalse();
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore);
        assertThat(entries("CARDLESS_WITHDRAWAL", "ITM00101", outcome.stan())).isZero();
        assertThat(customer.balance()).isEqualTo(Money.parse("3000", "CNY"));
        assertThat(customer.available()).as("the hold stays placed").isEqualTo(Money.parse("1500", "CNY"));
        assertThat(customer.app().tokenStatus(staged.tokenId())).isEqualTo("ACTIVE");

        JsonNode decisions = JSON.readTree(asOperator("GET", "/api/ops/v1/risk/decisions?customerId=" + customerId,
                null, 200));
        assertThat(decisions).anySatisfy(decision -> {
            assertThat(decision.path("action").asText()).isEqualTo("REDEMPTION");
            assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
            assertThat(decision.path("reasons").get(0).path("ruleId").asText()).isEqualTo("ato-cooloff-cash-out");
            assertThat(decision.path("inputs").path("branchId").asText()).isEqualTo(Branch.BRANCH_ID);
        });

        customer.app().cancel(staged.tokenId());
        assertThat(customer.available()).as("cancelling releases the hold").isEqualTo(Money.parse("3000", "CNY"));
    }

    private UUID customerOf(Customer customer) {
        return branch.channelApiContext().getBean(JdbcClient.class)
                .sql("select customer_id from accounts where id = ?").param(customer.accountId())
                .query(UUID.class).single();
    }

    /** A call to channel-api's operators' API as the demo operator; returns the body after checking the status. */
    private String asOperator(String method, String path, String body, int status)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(branch.channelApiUrl().resolve(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (Branch.OPERATOR_ID + ":" + Branch.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
        return response.body();
    }
}
