package io.branchlink.sim.app;

import static io.branchlink.sim.app.ChannelApiStub.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app binds a phone as docs/channel-api.md ("Device binding") specifies, against a JDK HTTP server answering
 * as channel-api would: it opens a challenge, reads the code from the SMS inbox and sends it; or it asks for
 * approval, which another (bound) phone lists and gives.
 */
class SimulatedAppBindingTests {

    static final String CODE = "482915";

    final ObjectMapper json = new ObjectMapper();
    final Map<String, String> requests = new ConcurrentHashMap<>();
    final List<String> inbox = new CopyOnWriteArrayList<>();
    volatile boolean gatewayDown;
    ChannelApiStub server;
    SimulatedApp app;

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/", this::answer);
        app = server.app("phone-1");
        inbox.add("Your parcel 123456 is on its way.");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.put(key, body);
        switch (key) {
            case "POST /api/v1/devices/challenges" -> {
                if (gatewayDown) {
                    reply(exchange, 503, """
                            {"status": 503, "irc": "HOST_UNREACHABLE", "detail": "The code could not be sent by SMS."}
                            """);
                    return;
                }
                if ("SMS".equals(json.readTree(body).path("method").asText())) {
                    inbox.add("BranchLink: " + CODE + " is your code to bind a new phone to your profile.");
                }
                reply(exchange, 201, """
                        {"id": "c1", "deviceId": "phone-1", "name": "My phone", "status": "PENDING",
                         "createdAt": "2026-12-07T10:00:00Z", "expiresAt": "2026-12-07T10:05:00Z"}""");
            }
            case "POST /api/v1/devices" -> {
                JsonNode sent = json.readTree(body);
                if (sent.path("challengeId").asText().equals("c1")
                        && (CODE.equals(sent.path("code").asText()) || !sent.has("code"))) {
                    reply(exchange, 201, """
                            {"deviceId": "phone-1", "name": "My phone", "boundAt": "2026-12-07T10:01:00Z"}""");
                } else {
                    reply(exchange, 403, "{\"status\": 403, \"irc\": \"STEP_UP_REQUIRED\", \"attemptsLeft\": 4}");
                }
            }
            case "GET /api/v1/devices/challenges" -> reply(exchange, 200, """
                    [{"id": "c2", "deviceId": "phone-2", "name": "Tablet", "method": "APPROVAL", "status": "PENDING",
                      "createdAt": "2026-12-07T10:00:00Z", "expiresAt": "2026-12-07T10:05:00Z"}]""");
            case "POST /api/v1/devices/challenges/c2/approval" -> reply(exchange, 200, """
                    {"id": "c2", "status": "APPROVED"}""");
            default -> reply(exchange, 404, "{\"status\": 404, \"irc\": \"NOT_FOUND\"}");
        }
    }


    @Test
    void bindsWithTheCodeFromTheSmsThatArrivedForThisChallenge() throws IOException {
        SimulatedApp.BoundDevice bound = app.bindDevice("My phone", () -> List.copyOf(inbox));

        JsonNode challenge = json.readTree(requests.get("POST /api/v1/devices/challenges"));
        assertThat(challenge.path("name").asText()).isEqualTo("My phone");
        assertThat(challenge.path("method").asText()).isEqualTo("SMS");
        JsonNode binding = json.readTree(requests.get("POST /api/v1/devices"));
        assertThat(binding.path("challengeId").asText()).isEqualTo("c1");
        assertThat(binding.path("code").asText()).as("not the older text's number").isEqualTo(CODE);
        assertThat(bound).isEqualTo(new SimulatedApp.BoundDevice("phone-1", "My phone",
                Instant.parse("2026-12-07T10:01:00Z")));
    }

    @Test
    void reportsAGatewayFailureAsTheProblemChannelApiAnswered() {
        gatewayDown = true;

        assertThatThrownBy(() -> app.bindDevice("My phone", () -> List.copyOf(inbox)))
                .isInstanceOfSatisfying(AppException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.irc()).isEqualTo("HOST_UNREACHABLE");
                });
        assertThat(requests).doesNotContainKey("POST /api/v1/devices");
    }

    @Test
    void aBoundPhoneListsAndApprovesAndTheNewPhoneCompletesTheBinding() throws IOException {
        String challengeId = app.requestBindingApproval("My phone");
        assertThat(json.readTree(requests.get("POST /api/v1/devices/challenges")).path("method").asText())
                .isEqualTo("APPROVAL");
        assertThat(inbox).as("no SMS for an approval").hasSize(1);

        List<SimulatedApp.BindingRequest> pending = app.pendingBindings();
        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.challengeId()).isEqualTo("c2");
            assertThat(p.deviceId()).isEqualTo("phone-2");
            assertThat(p.name()).isEqualTo("Tablet");
            assertThat(p.createdAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        });
        app.approveBinding("c2");
        assertThat(requests).containsKey("POST /api/v1/devices/challenges/c2/approval");

        assertThat(app.completeBinding(challengeId).deviceId()).isEqualTo("phone-1");
        assertThat(json.readTree(requests.get("POST /api/v1/devices")).has("code")).isFalse();
    }
}
