package io.branchlink.channel.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WireMock standing in for the interbank clearing system (docs/transfers.md, "The clearing contract"): started once
 * for the shared context, it accepts every payment sent with the test API key; a test makes it answer otherwise for
 * the payments to one creditor account (its own, random), so tests never disturb each other. The clearing system's
 * notifications are signed here with the test secret, as the clearing system signs them.
 */
public final class ClearingDouble {

    public static final String API_KEY = "test-clearing-api-key";
    public static final String NOTIFICATION_SECRET = "test-clearing-notification-secret-0123456789";
    public static final String PATH = "/v1/payments";
    private static final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort()
            .bindAddress("127.0.0.1"));

    static {
        server.start();
        accepting();
    }

    private ClearingDouble() {
    }

    public static String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets every request and stub and accepts every payment again. */
    public static void accepting() {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(10).withHeader("X-Api-Key", equalTo(API_KEY))
                .willReturn(accepted()));
    }

    /** Answers the payments to {@code creditorAccount} with {@code response}. */
    public static void answering(String creditorAccount, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.creditor.account", equalTo(creditorAccount)))
                .willReturn(response));
    }

    /** Rejects the payments to {@code creditorAccount} at once with {@code reason}. */
    public static void rejecting(String creditorAccount, String reason) {
        answering(creditorAccount, aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"REJECTED\",\"reason\":\"" + reason + "\"}"));
    }

    /** Answers the first payment to {@code creditorAccount} with 503, and accepts it when it comes again. */
    public static void failingOnceThenAccepting(String creditorAccount) {
        String scenario = "flaky-" + creditorAccount;
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.creditor.account", equalTo(creditorAccount)))
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).inScenario(scenario)
                .whenScenarioStateIs("recovered")
                .withRequestBody(matchingJsonPath("$.creditor.account", equalTo(creditorAccount)))
                .willReturn(accepted()));
    }

    /** How many times the payment {@code paymentId} was submitted. */
    public static int submissions(String paymentId) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.paymentId", equalTo(paymentId)))).size();
    }

    /** The JSON body of the first submission of {@code paymentId}. */
    public static String submission(String paymentId) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.paymentId", equalTo(paymentId)))).get(0).getBodyAsString();
    }

    /** {@code v1=} and the hex HMAC-SHA256 of {@code timestamp + "." + body} under the test secret. */
    public static String signature(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(NOTIFICATION_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"ACCEPTED\"}");
    }
}
