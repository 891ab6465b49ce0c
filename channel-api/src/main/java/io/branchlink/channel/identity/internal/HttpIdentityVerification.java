package io.branchlink.channel.identity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.identity.IdentityProviderUnavailableException;
import io.branchlink.channel.identity.IdentityVerification;
import io.branchlink.channel.system.ThirdPartyClients;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The identity provider's HTTP client: {@code POST {baseUrl}/v1/identity-checks} with {@code X-Api-Key} and
 * {@code {"idNumber", "name", "livenessToken"}}, answered 200 {@code {"checkId", "result"}} where result is one of
 * MATCH, NAME_MISMATCH, NO_RECORD, LIVENESS_FAILED. Tried once: the caller answers 503 and the app asks again.
 */
@Component
class HttpIdentityVerification implements IdentityVerification {

    private static final Logger log = LoggerFactory.getLogger(HttpIdentityVerification.class);

    private final RestClient http;

    HttpIdentityVerification(RestClient.Builder builder, IdentityProperties properties) {
        if (!properties.configured()) {
            log.warn("no identity provider configured (branchlink.channel.identity.base-url): onboarding cannot"
                    + " verify anyone");
            this.http = null;
            return;
        }
        this.http = ThirdPartyClients.restClient(builder, properties.baseUrl(), properties.apiKey(),
                properties.connectTimeout(), properties.readTimeout());
    }

    @Override
    public IdentityCheck verify(String residentIdNumber, String name, String livenessToken) {
        if (http == null) {
            log.warn("identity check not made reason=not-configured");
            throw new IdentityProviderUnavailableException("no identity provider is configured");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("idNumber", residentIdNumber);
        body.put("name", name);
        body.put("livenessToken", livenessToken);
        JsonNode answer;
        try {
            answer = http.post()
                    .uri("/v1/identity-checks")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().value() != 200) {
                            throw new IdentityProviderUnavailableException("the identity provider answered "
                                    + response.getStatusCode().value());
                        }
                        return response.bodyTo(JsonNode.class);
                    });
        } catch (IdentityProviderUnavailableException e) {
            log.warn("identity check not made reason=\"{}\"", e.getMessage());
            throw e;
        } catch (RestClientException e) {
            String reason = e.getMostSpecificCause().getClass().getSimpleName();
            log.warn("identity check not made reason={}", reason);
            throw new IdentityProviderUnavailableException("the identity provider could not be reached: " + reason);
        }
        String checkId = answer == null ? null : answer.path("checkId").asText(null);
        Verdict verdict = verdict(answer == null ? null : answer.path("result").asText(null));
        if (checkId == null || checkId.isBlank() || checkId.length() > 64 || verdict == null) {
            log.warn("identity check not made reason=unreadable-answer");
            throw new IdentityProviderUnavailableException("the identity provider gave no readable verdict");
        }
        log.info("identity checked checkId={} verdict={}", checkId, verdict);
        return new IdentityCheck(verdict, checkId);
    }

    private static Verdict verdict(String result) {
        if (result == null) {
            return null;
        }
        for (Verdict verdict : Verdict.values()) {
            if (verdict.name().equals(result)) {
                return verdict;
            }
        }
        return null;
    }
}
