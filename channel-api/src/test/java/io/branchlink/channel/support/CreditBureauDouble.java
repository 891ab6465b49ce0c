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

/**
 * WireMock standing in for the credit bureau (docs/loans.md, "Credit bureau"): started once for the shared context;
 * tests answer per resident ID number, so that they do not disturb each other.
 */
public final class CreditBureauDouble {

    public static final String API_KEY = "test-bureau-api-key";
    public static final String PATH = "/v1/reports";
    private static final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort()
            .bindAddress("127.0.0.1"));

    static {
        server.start();
    }

    private CreditBureauDouble() {
    }

    public static String baseUrl() {
        return server.baseUrl();
    }

    /** A clean, long history with low use of credit: band A. */
    public static void cleanReport(String residentId) {
        report(residentId, 120, 0, 0, "0.10", 0);
    }

    /** Recent late payments, high use and many inquiries: declined. */
    public static void poorReport(String residentId) {
        report(residentId, 6, 4, 60, "0.95", 8);
    }

    public static void report(String residentId, int historyMonths, int delinquencies12m, int worstDelinquencyDays,
            String utilisation, int inquiries6m) {
        answer(residentId, aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"reportId": "R-%s", "historyMonths": %d, "delinquencies12m": %d, "worstDelinquencyDays": %d,
                 "utilisation": %s, "inquiries6m": %d}""".formatted(residentId.substring(12), historyMonths,
                delinquencies12m, worstDelinquencyDays, utilisation, inquiries6m)));
    }

    /** The bureau has no file on the person. */
    public static void noFile(String residentId) {
        answer(residentId, aResponse().withStatus(404));
    }

    /** Answers the person's report with {@code response} (an error, a fault or a delay). */
    public static void answer(String residentId, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(PATH)).withHeader("X-Api-Key", equalTo(API_KEY))
                .withRequestBody(matchingJsonPath("$.residentId", equalTo(residentId))).willReturn(response));
    }

    /** How many reports were asked for the person. */
    public static int asked(String residentId) {
        return server.countRequestsMatching(postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(matchingJsonPath("$.residentId", equalTo(residentId))).build()).getCount();
    }
}
