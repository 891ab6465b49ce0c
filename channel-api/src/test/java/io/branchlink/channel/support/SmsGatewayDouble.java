package io.branchlink.channel.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * WireMock standing in for the SMS gateway (docs/channel-api.md, "SMS gateway"): started once for the shared
 * context, it accepts every message sent with the test API key, and tests read the codes from its request journal,
 * as a customer reads them on their phone.
 */
public final class SmsGatewayDouble {

    public static final String API_KEY = "test-sms-api-key";
    public static final String PATH = "/v1/messages";
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\\b(\\d{6})\\b");
    private static final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort()
            .bindAddress("127.0.0.1"));
    private static final ObjectMapper json = new ObjectMapper();

    static {
        server.start();
    }

    private SmsGatewayDouble() {
    }

    public static WireMockServer server() {
        return server;
    }

    public static String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets every request and answers 202 with a message id again. */
    public static void accepting() {
        server.resetAll();
        answering(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                .withBody("{\"messageId\":\"msg-test\"}"));
    }

    /** Answers every message with {@code response} (an error, a fault or a delay). */
    public static void answering(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(PATH)).withHeader("X-Api-Key", equalTo(API_KEY)).willReturn(response));
    }

    /** The messages the gateway was asked to send to {@code phone} (as registered, without +86), oldest first. */
    public static List<JsonNode> messagesTo(String phone) {
        List<JsonNode> messages = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo(PATH)))) {
            try {
                JsonNode body = json.readTree(request.getBodyAsString());
                if (body.path("to").asText().endsWith(phone)) {
                    messages.add(body);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** The 6-digit code of the latest message to {@code phone}. */
    public static Optional<String> latestCode(String phone) {
        List<JsonNode> messages = messagesTo(phone);
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = CODE.matcher(messages.get(messages.size() - 1).path("text").asText());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
