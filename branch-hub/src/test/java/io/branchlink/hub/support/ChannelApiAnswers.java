package io.branchlink.hub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.hubapi.HubProblem;

/**
 * channel-api's answers for WireMock stubs, written from the {@code protocol.hubapi} records channel-api answers
 * with, and as channel-api's Jackson writes them (dates as ISO-8601 text).
 */
public final class ChannelApiAnswers {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ChannelApiAnswers() {
    }

    /** A 200 with {@code body} as JSON. */
    public static ResponseDefinitionBuilder json(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(write(body));
    }

    /** A decision on a terminal transaction (always a 200). */
    public static ResponseDefinitionBuilder decision(String irc, String authCode) {
        return json(new Decision(irc, authCode, null, false));
    }

    /** An RFC 9457 problem with the problem's status. */
    public static ResponseDefinitionBuilder problem(HubProblem problem) {
        return aResponse().withStatus(problem.status()).withHeader("Content-Type", "application/problem+json")
                .withBody(write(problem));
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
