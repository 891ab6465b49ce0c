package io.branchlink.demo.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.demo.Branch;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the demo branch, the card processor stub has opened a credit card for alice and posted three purchases; the
 * simulated phone lists the card, repays it (once per idempotency key) and raises its limit; the operator moves the
 * demo's clock forward and the end-of-day job writes the card's statements.
 */
class CardProcessorDemoIntegrationTests {

    @Test
    void alicesCardCarriesTheProcessorsPurchasesAndAMonthLaterAStatement(@TempDir Path workDir) throws Exception {
        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir))) {
            SimulatedApp phone = branch.phone("alice-phone");
            assertThat(phone.login("alice", "alice-demo-pass")).isTrue();

            SimulatedApp.CreditCard card = phone.cards().get(0);
            assertThat(phone.cards()).hasSize(1);
            assertThat(card.maskedPan()).isEqualTo("**** **** **** 8817");
            assertThat(card.balance()).isEqualTo(Money.parse("1543.40", "CNY"));

            UUID from = phone.accounts().get(0).id();
            String key = "demo-repayment-" + UUID.randomUUID();
            SimulatedApp.CardRepayment repaid = phone.repayCard(card.id(), from, Money.parse("500.00", "CNY"), key);
            SimulatedApp.CardRepayment again = phone.repayCard(card.id(), from, Money.parse("500.00", "CNY"), key);
            assertThat(repaid.replayed()).isFalse();
            assertThat(again.replayed()).isTrue();
            assertThat(again.id()).isEqualTo(repaid.id());
            assertThat(phone.card(card.id()).balance()).isEqualTo(Money.parse("1043.40", "CNY"));

            assertThat(phone.requestCardLimit(card.id(), Money.parse("24000", "CNY"))).isEqualTo("APPLIED");
            assertThat(phone.card(card.id()).creditLimit()).isEqualTo(Money.parse("24000.00", "CNY"));

            JsonNode advanced = advanceClock(branch.channelApiUrl(), 40);
            assertThat(advanced.path("datesClosed").asInt()).isGreaterThanOrEqualTo(40);
            assertThat(advanced.path("failedStep").isNull()).isTrue();
            Integer statements = branch.channelApiContext()
                    .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("select count(*) from card_statements where card_id = ?").param(card.id())
                    .query(Integer.class).single();
            assertThat(statements).isGreaterThanOrEqualTo(1);
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }

    private static JsonNode advanceClock(URI channelApi, int days) throws Exception {
        String basic = Base64.getEncoder().encodeToString((Branch.OPERATOR_ID + ":" + Branch.OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        channelApi.resolve("/api/ops/v1/clock/advance?days=" + days))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
