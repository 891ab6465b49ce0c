package io.branchlink.sim.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrImages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * One customer's phone running the bank's app, talking to channel-api over HTTP as the real app would. Not thread
 * safe: one instance is one phone.
 */
public final class SimulatedApp {

    private final URI baseUrl;
    private final String deviceId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String session;

    public SimulatedApp(URI baseUrl, String deviceId) {
        this.baseUrl = baseUrl;
        this.deviceId = deviceId;
    }

    public String deviceId() {
        return deviceId;
    }

    /** Logs in from this phone; returns whether the phone is already bound to the customer. */
    public boolean login(String username, String password) {
        JsonNode answer = call("POST", "/api/v1/sessions",
                Map.of("username", username, "password", password, "deviceId", deviceId));
        session = answer.path("token").asText();
        return answer.path("deviceBound").asBoolean();
    }

    /** Binds this phone to the logged-in customer (a cool-off with lower limits starts). */
    public void bindDevice(String name) {
        call("POST", "/api/v1/devices", Map.of("name", name));
    }

    public List<Account> accounts() {
        List<Account> accounts = new ArrayList<>();
        for (JsonNode node : call("GET", "/api/v1/accounts", null)) {
            accounts.add(new Account(UUID.fromString(node.path("id").asText()), node.path("name").asText(),
                    Money.parse(node.path("balance").decimalValue().toPlainString(), node.path("currency").asText()),
                    Money.parse(node.path("available").decimalValue().toPlainString(), node.path("currency").asText())));
        }
        return accounts;
    }

    public Account account(UUID id) {
        return accounts().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    public Staged stageWithdrawal(UUID accountId, Money amount, String branchId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId.toString());
        body.put("amount", amount.toDecimal());
        body.put("currency", amount.currencyCode());
        if (branchId != null) {
            body.put("branchId", branchId);
        }
        return staged(call("POST", "/api/v1/cardless/withdrawals", body));
    }

    public Staged stageDeposit(UUID accountId, String branchId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", accountId.toString());
        if (branchId != null) {
            body.put("branchId", branchId);
        }
        return staged(call("POST", "/api/v1/cardless/deposits", body));
    }

    /** The token's status as channel-api reports it: ACTIVE, USED, CANCELLED or EXPIRED. */
    public String tokenStatus(String tokenId) {
        return call("GET", "/api/v1/cardless/tokens/" + tokenId, null).path("status").asText();
    }

    public void cancel(String tokenId) {
        call("DELETE", "/api/v1/cardless/tokens/" + tokenId, null);
    }

    /**
     * What the phone's screen shows: the QR code as channel-api renders it, read back from the PNG as a camera
     * would read the screen.
     */
    public String qrShownOnScreen(Staged staged) {
        HttpResponse<byte[]> response = send(request("GET", staged.qrPng(), null), HttpResponse.BodyHandlers
                .ofByteArray());
        if (response.statusCode() != 200) {
            throw new AppException(response.statusCode(), "QR", "the QR code could not be fetched");
        }
        try {
            return QrImages.decode(ImageIO.read(new ByteArrayInputStream(response.body())))
                    .orElseThrow(() -> new IllegalStateException("the served QR code does not decode"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Staged staged(JsonNode node) {
        BigDecimal amount = node.hasNonNull("amount") ? node.path("amount").decimalValue() : null;
        return new Staged(node.path("tokenId").asText(), node.path("type").asText(), node.path("token").asText(),
                amount == null ? null : Money.parse(amount.toPlainString(), node.path("currency").asText()),
                Instant.parse(node.path("expiresAt").asText()), node.path("qrPng").asText());
    }

    private JsonNode call(String method, String path, Object body) {
        HttpResponse<String> response = send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        JsonNode answer;
        try {
            answer = response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (response.statusCode() >= 400) {
            throw new AppException(response.statusCode(), answer.path("irc").asText("UNKNOWN"),
                    answer.path("detail").asText(""));
        }
        return answer;
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(10));
        if (session != null) {
            builder.header("Authorization", "Bearer " + session);
        }
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
            return builder.header("Content-Type", "application/json").method(method, publisher).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One of the customer's accounts as the app shows it. */
    public record Account(UUID id, String name, Money balance, Money available) {
    }

    /**
     * A staged token; {@code token} is the QR text, a bearer secret that toString does not print.
     *
     * @param amount the withdrawal amount, or {@code null} for a deposit
     */
    public record Staged(String tokenId, String type, String token, Money amount, Instant expiresAt, String qrPng) {

        @Override
        public String toString() {
            return "Staged[" + type + " " + tokenId.substring(0, 8) + " " + amount + "]";
        }
    }
}
