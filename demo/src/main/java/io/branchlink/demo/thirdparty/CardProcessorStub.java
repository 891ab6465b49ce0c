package io.branchlink.demo.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's card processor: it speaks the processor's side of the contract in docs/cards.md, signing each purchase
 * with the shared secret ({@code X-Processor-Signature: sha256=<HMAC of the body>}) and posting it to channel-api's
 * {@code /api/processor/v1/purchases}. When the branch starts it opens a credit card for a demo customer through the
 * operators' API (once per work directory) and posts a few purchases on it, so the app's card screen has something to
 * show.
 */
public final class CardProcessorStub {

    /** The secret channel-api is given in the demo; a real processor's key comes from the bank's secret store. */
    public static final String DEMO_SECRET = "demo-card-processor-secret";

    private final URI channelApi;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    public CardProcessorStub(URI channelApi, String secret) {
        this.channelApi = channelApi;
        this.secret = secret;
    }

    /**
     * Opens a credit card for {@code customerId} through the operators' API and posts {@code purchases} (merchant →
     * amount) on it. Returns the card's processor reference.
     */
    public String openCardWithPurchases(UUID customerId, String operator, String operatorPassword,
            Map<String, String> purchases) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("customerId", customerId.toString());
        card.put("panLast4", "8817");
        card.put("creditLimit", 20000);
        card.put("currency", "CNY");
        card.put("statementDay", 5);
        card.put("dueDay", 25);
        String basic = Base64.getEncoder().encodeToString((operator + ":" + operatorPassword)
                .getBytes(StandardCharsets.UTF_8));
        JsonNode issued = send(HttpRequest.newBuilder(channelApi.resolve("/api/ops/v1/cards"))
                .header("Authorization", "Basic " + basic), write(card), 201);
        String cardRef = issued.path("cardRef").asText();
        purchases.forEach((merchant, amount) -> purchase(cardRef, merchant, amount));
        return cardRef;
    }

    /** Posts one signed purchase and returns channel-api's answer ({@code result}, {@code reason}, ...). */
    public JsonNode purchase(String cardRef, String merchant, String amount) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("transactionId", "DEMO" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        message.put("cardRef", cardRef);
        message.put("amount", amount);
        message.put("currency", "CNY");
        message.put("merchant", merchant);
        String body = write(message);
        return send(HttpRequest.newBuilder(channelApi.resolve("/api/processor/v1/purchases"))
                .header("X-Processor-Signature", sign(secret, body)), body, 200);
    }

    /** {@code sha256=} and the HMAC-SHA-256 of the body under the secret, in lowercase hex. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private JsonNode send(HttpRequest.Builder request, String body, int expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != expected) {
                throw new IllegalStateException("channel-api answered " + response.statusCode() + ": "
                        + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo's purchases on a new card. */
    public static Map<String, String> demoPurchases() {
        Map<String, String> purchases = new LinkedHashMap<>();
        List.of("Riverside Coffee:38.00", "Harbour Books:216.50", "Metro Supermarket:1288.90")
                .forEach(p -> purchases.put(p.substring(0, p.indexOf(':')), p.substring(p.indexOf(':') + 1)));
        return purchases;
    }
}
