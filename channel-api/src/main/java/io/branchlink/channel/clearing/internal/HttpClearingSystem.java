package io.branchlink.channel.clearing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.clearing.ClearingPayment;
import io.branchlink.channel.clearing.ClearingSubmission;
import io.branchlink.channel.clearing.ClearingSystem;
import io.branchlink.channel.clearing.ClearingUnavailableException;
import io.branchlink.channel.system.ThirdPartyClients;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The clearing system's HTTP client: {@code POST {baseUrl}/v1/payments} with {@code X-Api-Key}, answered 202
 * {@code {"status":"ACCEPTED"}} or 422 {@code {"status":"REJECTED","reason":"…"}}; anything else leaves the outcome
 * unknown and the payment is submitted again. Notifications are checked against the shared secret in constant time.
 */
@Component
class HttpClearingSystem implements ClearingSystem {

    private static final Logger log = LoggerFactory.getLogger(HttpClearingSystem.class);

    private final ClearingProperties properties;
    private final Clock clock;
    private final RestClient http;

    HttpClearingSystem(RestClient.Builder builder, ClearingProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        if (!properties.configured()) {
            log.warn("no clearing system configured (branchlink.channel.clearing.base-url): interbank transfers"
                    + " wait in the outbox");
            this.http = null;
            return;
        }
        this.http = ThirdPartyClients.restClient(builder, properties.baseUrl(), properties.apiKey(),
                properties.connectTimeout(), properties.readTimeout());
    }

    @Override
    public ClearingSubmission submit(ClearingPayment payment) {
        if (http == null) {
            throw new ClearingUnavailableException("no clearing system is configured");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("paymentId", payment.paymentId().toString());
        body.put("amount", payment.amount().toDecimal().toPlainString());
        body.put("currency", payment.amount().currencyCode());
        body.put("debtor", Map.of("account", payment.debtorAccount(), "name", payment.debtorName()));
        body.put("creditor", Map.of("bankCode", payment.creditorBankCode(), "account", payment.creditorAccount(),
                "name", payment.creditorName()));
        if (payment.memo() != null) {
            body.put("memo", payment.memo());
        }
        if (properties.callbackUrl() != null) {
            body.put("callbackUrl", properties.callbackUrl().toString());
        }
        try {
            return http.post()
                    .uri("/v1/payments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 200 || status == 201 || status == 202) {
                            JsonNode answer = response.bodyTo(JsonNode.class);
                            String outcome = answer == null ? "" : answer.path("status").asText("");
                            if ("REJECTED".equals(outcome)) {
                                return ClearingSubmission.reject(reason(answer));
                            }
                            return ClearingSubmission.accept();
                        }
                        if (status == 422) {
                            return ClearingSubmission.reject(reason(response.bodyTo(JsonNode.class)));
                        }
                        throw new ClearingUnavailableException("the clearing system answered " + status);
                    });
        } catch (RestClientException e) {
            throw new ClearingUnavailableException("the clearing system could not be reached: "
                    + e.getMostSpecificCause().getClass().getSimpleName());
        }
    }

    /** The clearing system's reason, bounded: it is stored and shown to the customer. */
    private static String reason(JsonNode answer) {
        String reason = answer == null ? null : answer.path("reason").asText(null);
        if (reason == null) {
            return null;
        }
        String printable = reason.replaceAll("\\p{Cntrl}", " ").strip();
        return printable.length() > 160 ? printable.substring(0, 160) : printable;
    }

    @Override
    public boolean authentic(String timestamp, byte[] body, String signature) {
        if (properties.notificationSecret() == null || timestamp == null || signature == null
                || !timestamp.matches("[0-9]{1,12}") || !signature.matches("v1=[0-9a-f]{64}")) {
            return false;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(properties.signatureTolerance()) > 0) {
            return false;
        }
        byte[] expected = sign(properties.notificationSecret(), timestamp, body);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring(3)));
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body} under the secret: what a notification's signature carries. */
    static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
