package io.branchlink.channel.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * WireMock standing in for the identity verification provider (docs/onboarding.md, "Identity verification
 * provider"): started once for the shared context, it answers MATCH to every check sent with the test API key until
 * a test tells it otherwise.
 */
public final class IdentityCheckDouble {

    public static final String API_KEY = "test-identity-api-key";
    public static final String PATH = "/v1/identity-checks";
    private static final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort()
            .bindAddress("127.0.0.1"));

    static {
        server.start();
    }

    private IdentityCheckDouble() {
    }

    public static WireMockServer server() {
        return server;
    }

    public static String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets every request and answers MATCH again. */
    public static void matching() {
        server.resetAll();
        answeringResult("MATCH");
    }

    /** Answers every check with this result: MATCH, NAME_MISMATCH, NO_RECORD or LIVENESS_FAILED. */
    public static void answeringResult(String result) {
        answering(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"checkId\":\"chk-test\",\"result\":\"" + result + "\"}"));
    }

    /** Answers every check with {@code response} (an error, a fault or a delay). */
    public static void answering(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(PATH)).withHeader("X-Api-Key", equalTo(API_KEY)).willReturn(response));
    }

    /** How many checks the provider was asked for since the last reset. */
    public static int checks() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))).size();
    }
}
