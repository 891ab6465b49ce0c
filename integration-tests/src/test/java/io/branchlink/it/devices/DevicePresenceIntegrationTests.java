package io.branchlink.it.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.demo.Branch;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The ITMs' MQTT side through the real broker: the hub's registry sees them online and hears their transactions. */
class DevicePresenceIntegrationTests extends EndToEndTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode device(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(asOperator(HttpRequest.newBuilder(
                branch.hubUrl().resolve("/api/devices/" + id))).build(), HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    @Test
    void theHubSeesBothItmsOnlineAndInService() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String id : new String[] {"ITM00101", "ITM00102"}) {
                JsonNode device = device(id);
                assertThat(device.path("online").asBoolean()).as(id).isTrue();
                assertThat(device.path("inService").asBoolean()).as(id).isTrue();
            }
        });
    }

    @Test
    void anOperatorTakesAnItmOutOfServiceAndBackThroughTheHub() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> device("ITM00102").path("online").asBoolean());
        post("/api/devices/ITM00102/out-of-service");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                itm2().agent().status() == io.branchlink.agent.system.ItmAgent.ServiceStatus.OUT_OF_SERVICE);

        TransactionOutcome refused = itm2().agent().runWithdrawal();

        assertThat(refused.result()).isEqualTo(TransactionOutcome.Result.REJECTED);
        assertThat(refused.screenId()).isEqualTo("OUT_OF_SERVICE");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(device("ITM00102").path("inService").asBoolean()).isFalse());

        post("/api/devices/ITM00102/in-service");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                itm2().agent().status() == io.branchlink.agent.system.ItmAgent.ServiceStatus.IN_SERVICE);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(device("ITM00102").path("inService").asBoolean()).isTrue());
    }

    private void post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(asOperator(HttpRequest.newBuilder(branch.hubUrl().resolve(path)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(202);
    }

    /** The device API is for the branch's operators: the demo operator's HTTP Basic credentials. */
    private static HttpRequest.Builder asOperator(HttpRequest.Builder request) {
        return request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (Branch.OPERATOR_ID + ":" + Branch.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHubHearsOfATransactionWithoutItsToken() {
        Customer customer = customer("1000");
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), Money.parse("100", "CNY"),
                "BR001");
        itm2().camera().present(customer.app().qrShownOnScreen(staged));

        TransactionOutcome outcome = itm2().agent().runWithdrawal();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode device = device("ITM00102");
            assertThat(device.toString()).contains(outcome.txnId()).doesNotContain(staged.token());
        });
    }
}
