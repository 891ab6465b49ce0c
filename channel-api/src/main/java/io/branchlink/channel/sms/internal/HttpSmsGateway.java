package io.branchlink.channel.sms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.sms.SmsGateway;
import io.branchlink.channel.sms.SmsGatewayUnavailableException;
import io.branchlink.channel.system.ThirdPartyClients;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The SMS gateway's HTTP client: {@code POST {baseUrl}/v1/messages} with {@code X-Api-Key} and
 * {@code {"to": "+86…", "text": "…"}}, accepted with 202 {@code {"messageId": "…"}}. Tried once: a retried send
 * could deliver a code twice, and the customer can ask for a new one.
 */
@Component
class HttpSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(HttpSmsGateway.class);

    private final SmsProperties properties;
    private final RestClient http;

    HttpSmsGateway(RestClient.Builder builder, SmsProperties properties) {
        this.properties = properties;
        if (!properties.configured()) {
            log.warn("no SMS gateway configured (branchlink.channel.sms.base-url): SMS codes cannot be sent");
            this.http = null;
            return;
        }
        this.http = ThirdPartyClients.restClient(builder, properties.baseUrl(), properties.apiKey(),
                properties.connectTimeout(), properties.readTimeout());
    }

    @Override
    public String send(String phoneNumber, String text) {
        String to = e164(phoneNumber);
        if (http == null) {
            log.warn("sms not sent to={} reason=not-configured", SmsGateway.mask(to));
            throw new SmsGatewayUnavailableException("no SMS gateway is configured");
        }
        JsonNode answer;
        try {
            answer = http.post()
                    .uri("/v1/messages")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(Map.of("to", to, "text", text))
                    .exchange((request, response) -> {
                        if (response.getStatusCode().value() != 202 && response.getStatusCode().value() != 200) {
                            throw new SmsGatewayUnavailableException("the SMS gateway answered "
                                    + response.getStatusCode().value());
                        }
                        return response.bodyTo(JsonNode.class);
                    });
        } catch (SmsGatewayUnavailableException e) {
            log.warn("sms not sent to={} reason=\"{}\"", SmsGateway.mask(to), e.getMessage());
            throw e;
        } catch (RestClientException e) {
            String reason = e.getMostSpecificCause().getClass().getSimpleName();
            log.warn("sms not sent to={} reason={}", SmsGateway.mask(to), reason);
            throw new SmsGatewayUnavailableException("the SMS gateway could not be reached: " + reason);
        }
        String messageId = answer == null ? null : answer.path("messageId").asText(null);
        if (messageId == null || messageId.isBlank()) {
            log.warn("sms not sent to={} reason=no-message-id", SmsGateway.mask(to));
            throw new SmsGatewayUnavailableException("the SMS gateway gave no message id");
        }
        log.info("sms accepted to={} messageId={}", SmsGateway.mask(to), messageId);
        return messageId;
    }

    /** The number in E.164: kept when it starts with +, else the default country code is put in front. */
    String e164(String phoneNumber) {
        String digits = phoneNumber.replaceAll("[\\s()-]", "");
        if (digits.startsWith("+")) {
            return digits;
        }
        if (digits.startsWith("00")) {
            return "+" + digits.substring(2);
        }
        return "+" + properties.defaultCountryCode() + digits;
    }
}
