package io.branchlink.hub.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls channel-api's hub API. A decision (approved or declined) is an answer; a problem detail naming an
 * {@code irc} is a refusal that is also an answer; only transport failures and 5xx are retried, since every call
 * here is idempotent on its terminal transaction key.
 */
@Component
public class ChannelClient {

    private static final Logger log = LoggerFactory.getLogger(ChannelClient.class);

    private final RestClient http;
    private final RestClient longPoll;
    private final ChannelProperties properties;
    private final ObjectMapper json;

    ChannelClient(RestClient.Builder builder, ChannelProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = client(builder, properties, properties.readTimeout());
        this.longPoll = client(builder, properties, properties.readTimeout().plus(properties.maxFeedWait()));
    }

    private static RestClient client(RestClient.Builder builder, ChannelProperties properties,
            java.time.Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        factory.setReadTimeout(readTimeout);
        return builder.clone()
                .baseUrl(properties.baseUrl())
                .requestFactory(factory)
                .defaultHeaders(headers -> headers.setBasicAuth(properties.hubId(), properties.hubSecret()))
                .build();
    }

    /**
     * One long poll of the branch's staging feed: channel-api answers at once when it has events after
     * {@code after}, else when one arrives or {@code waitSeconds} pass. Tried once: the caller's loop backs off.
     *
     * @throws ChannelUnavailableException on a transport failure or any answer other than 200
     */
    public HubForms.FeedPage formFeed(long after, int waitSeconds) {
        try {
            return longPoll.get()
                    .uri(uri -> uri.path("/api/v1/hub/forms/feed").queryParam("after", after)
                            .queryParam("waitSeconds", waitSeconds).build())
                    .retrieve()
                    .body(HubForms.FeedPage.class);
        } catch (RestClientException e) {
            throw new ChannelUnavailableException("staging feed failed", e);
        }
    }

    /** channel-api's status of a FORM token, or empty for a token it never issued (404). Retried: a read. */
    public Optional<HubForms.TokenStatus> formToken(String tokenId) {
        return withRetries("form token lookup", () -> http.get()
                .uri("/api/v1/hub/forms/tokens/{tokenId}", tokenId)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404) {
                        return Optional.<HubForms.TokenStatus>empty();
                    }
                    if (!status.is2xxSuccessful()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    return Optional.ofNullable(response.bodyTo(HubForms.TokenStatus.class));
                }));
    }

    /**
     * Stages a submitted form at this branch: its customer showed the code at this branch's counter. Retried on
     * transport failures and 5xx: channel-api stages a form once and answers a repeated call with the form as
     * staged. Problems (409, 410, 404, other 4xx) are answers.
     */
    public HubForms.StageAnswer stageForm(String tokenId) {
        return withRetries("form staging on arrival token=" + tokenId.substring(0, 8), () -> http.post()
                .uri("/api/v1/hub/forms/tokens/{tokenId}/stage", tokenId)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is5xxServerError()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    JsonNode answer = response.bodyTo(JsonNode.class);
                    if (status.is2xxSuccessful()) {
                        return new HubForms.StageAnswer(null, tokenStatus(answer));
                    }
                    // a problem names the form's status as formStatus: its status member is the HTTP status
                    HubForms.TokenStatus token = new HubForms.TokenStatus(text(answer, "formStatus"),
                            text(answer, "branchId"), instant(text(answer, "decidedAt")), null);
                    String code = text(answer, "code");
                    if (code == null && status.value() == 404) {
                        code = HubForms.StageAnswer.UNKNOWN;
                    }
                    return new HubForms.StageAnswer(code == null ? "HTTP_" + status.value() : code, token);
                }));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private HubForms.TokenStatus tokenStatus(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RetryableFailure("channel-api answered a staging without a body");
        }
        try {
            return json.treeToValue(node, HubForms.TokenStatus.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new RetryableFailure("unreadable token status: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A teller's decision on a form. Retried on transport failures and 5xx: channel-api answers the same
     * confirmation id with the same outcome, so a retry never executes twice. Problems (409, 410, 403, 404, 4xx)
     * are answers.
     */
    public HubForms.ExecutionAnswer execute(HubForms.ExecutionRequest request) {
        return withRetries("form execution confirmationId=" + request.confirmationId(), () -> http.post()
                .uri("/api/v1/hub/forms/executions")
                .contentType(MediaType.APPLICATION_JSON)
                .body(request)
                .exchange((req, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is5xxServerError()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    JsonNode answer = response.bodyTo(JsonNode.class);
                    if (status.is2xxSuccessful()) {
                        return new HubForms.ExecutionAnswer(status.value(), null, outcome(answer));
                    }
                    String code = text(answer, "code");
                    JsonNode existing = answer == null ? null : answer.get("existing");
                    return new HubForms.ExecutionAnswer(status.value(), code == null ? "HTTP_" + status.value() : code,
                            existing == null || existing.isNull() ? null : outcome(existing));
                }));
    }

    /** A voucher PDF of this branch, or empty when channel-api has none under that reference. */
    public Optional<byte[]> voucher(String reference) {
        return withRetries("voucher", () -> http.get()
                .uri("/api/v1/hub/vouchers/{reference}", reference)
                .accept(MediaType.APPLICATION_PDF, MediaType.ALL)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.value() == 404) {
                        return Optional.<byte[]>empty();
                    }
                    if (!status.is2xxSuccessful()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    return Optional.ofNullable(response.bodyTo(byte[].class));
                }));
    }

    private HubForms.Outcome outcome(JsonNode node) {
        try {
            return json.treeToValue(node, HubForms.Outcome.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new RetryableFailure("unreadable outcome: " + e.getClass().getSimpleName());
        }
    }

    public ChannelDecision withdraw(String token, String terminalId, int stan, Instant transmittedAt, Money amount,
            String rrn) {
        Map<String, Object> body = transaction(token, terminalId, stan, transmittedAt, amount, rrn);
        return decide("/api/hub/v1/withdrawals", body, terminalId, stan);
    }

    public ChannelDecision deposit(String token, String terminalId, int stan, Instant transmittedAt, Money amount,
            String rrn, boolean advice) {
        Map<String, Object> body = transaction(token, terminalId, stan, transmittedAt, amount, rrn);
        body.put("advice", advice);
        return decide("/api/hub/v1/deposits", body, terminalId, stan);
    }

    /**
     * @param kind {@code WITHDRAWAL} or {@code DEPOSIT}
     * @param completed what the terminal completed: cash dispensed, or cash kept
     */
    public ChannelDecision reverse(String kind, String terminalId, int originalStan, Instant originalTransmittedAt,
            Money completed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("terminalId", terminalId);
        body.put("stan", originalStan);
        body.put("transmittedAt", originalTransmittedAt.toString());
        body.put("completedAmount", completed.toDecimal());
        body.put("currency", completed.currencyCode());
        return decide("/api/hub/v1/reversals", body, terminalId, originalStan);
    }

    /** The trusted QR token public keys by key id (Base64 X.509). */
    public Map<String, String> tokenKeys() {
        return withRetries("token keys", () -> {
            JsonNode keys = http.get().uri("/api/hub/v1/token-keys").retrieve().body(JsonNode.class);
            Map<String, String> result = new LinkedHashMap<>();
            keys.fields().forEachRemaining(entry -> result.put(entry.getKey(), entry.getValue().asText()));
            return result;
        });
    }

    private static Map<String, Object> transaction(String token, String terminalId, int stan, Instant transmittedAt,
            Money amount, String rrn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("terminalId", terminalId);
        body.put("stan", stan);
        body.put("transmittedAt", transmittedAt.toString());
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        body.put("rrn", rrn);
        return body;
    }

    private ChannelDecision decide(String path, Map<String, Object> body, String terminalId, int stan) {
        return withRetries(path + " terminal=" + terminalId + " stan=" + stan, () -> http.post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) -> {
                    HttpStatusCode status = response.getStatusCode();
                    if (status.is5xxServerError()) {
                        throw new RetryableFailure("channel-api answered " + status.value());
                    }
                    JsonNode answer = response.bodyTo(JsonNode.class);
                    Irc irc = irc(answer);
                    if (irc == null) {
                        throw new RetryableFailure("channel-api answered " + status.value() + " without an irc");
                    }
                    return new ChannelDecision(irc, text(answer, "authCode"), answer.path("replayed").asBoolean());
                }));
    }

    private <T> T withRetries(String what, Supplier<T> call) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= Math.max(1, properties.attempts()); attempt++) {
            try {
                return call.get();
            } catch (RetryableFailure | RestClientException e) {
                last = e;
                log.warn("channel-api call failed call=\"{}\" attempt={} reason=\"{}\"", what, attempt,
                        e.getClass().getSimpleName());
            }
        }
        throw new ChannelUnavailableException("channel-api unavailable for " + what, last);
    }

    private static Irc irc(JsonNode answer) {
        String name = text(answer, "irc");
        if (name == null) {
            return null;
        }
        try {
            return Irc.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Irc.DO_NOT_HONOUR;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A failure worth another attempt: transport trouble or a 5xx. */
    private static final class RetryableFailure extends RuntimeException {
        RetryableFailure(String message) {
            super(message, null, false, false);
        }
    }

}
