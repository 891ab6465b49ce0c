package io.branchlink.demo.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's interbank clearing system: a JDK HTTP server on loopback that speaks the clearing contract of
 * docs/transfers.md ({@code POST /v1/payments} with {@code X-Api-Key} → 202 {@code {"status":"ACCEPTED"}},
 * idempotent on {@code paymentId}) and, after {@code confirmAfter}, sends each payment's signed {@code CONFIRMED}
 * notification to the payment's {@code callbackUrl}. A notification that is not answered 2xx is sent again a few
 * times, as the contract asks of the clearing system.
 */
public final class ClearingStub implements AutoCloseable {

    /** The API key and notification secret channel-api is given in the demo; a bank's come from its secret store. */
    public static final String DEMO_API_KEY = "demo-clearing-api-key";
    public static final String DEMO_NOTIFICATION_SECRET = "demo-clearing-notification-secret-0123456789";
    private static final int MAX_BODY = 16 * 1024;
    private static final int NOTIFY_ATTEMPTS = 5;

    private final HttpServer server;
    private final ScheduledExecutorService executor;
    private final Duration confirmAfter;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Instant> payments = new ConcurrentHashMap<>();

    private ClearingStub(HttpServer server, ScheduledExecutorService executor, Duration confirmAfter) {
        this.server = server;
        this.executor = executor;
        this.confirmAfter = confirmAfter;
    }

    /**
     * Starts the stub on loopback.
     *
     * @param port the port, or 0 for a free one
     * @param confirmAfter how long after accepting a payment it is confirmed
     */
    public static ClearingStub start(int port, Duration confirmAfter) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "clearing-stub");
                thread.setDaemon(true);
                return thread;
            });
            ClearingStub stub = new ClearingStub(server, executor, confirmAfter);
            server.createContext("/v1/payments", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as {@code branchlink.channel.clearing.base-url}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many distinct payments the stub accepted. */
    public int payments() {
        return payments.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("X-Api-Key");
            if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                    DEMO_API_KEY.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 401, "{\"error\":\"unknown API key\"}");
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            JsonNode payment;
            try {
                payment = body.length > MAX_BODY ? null : json.readTree(body);
            } catch (IOException e) {
                payment = null;
            }
            String paymentId = payment == null ? "" : payment.path("paymentId").asText("");
            if (paymentId.isEmpty() || paymentId.length() > 64) {
                reply(exchange, 400, "{\"error\":\"paymentId is required\"}");
                return;
            }
            String callbackUrl = payment.path("callbackUrl").asText(null);
            if (payments.putIfAbsent(paymentId, Instant.now()) == null && callbackUrl != null) {
                executor.schedule(() -> confirm(URI.create(callbackUrl), paymentId, 1), confirmAfter.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            reply(exchange, 202, "{\"status\":\"ACCEPTED\"}");
        }
    }

    private void confirm(URI callback, String paymentId, int attempt) {
        String body = "{\"notificationId\":\"stub-" + paymentId + "\",\"paymentId\":\"" + paymentId
                + "\",\"status\":\"CONFIRMED\"}";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(callback)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("X-Clearing-Timestamp", timestamp)
                .header("X-Clearing-Signature", "v1=" + sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if ((status < 200 || status > 299) && status != 404 && attempt < NOTIFY_ATTEMPTS) {
            executor.schedule(() -> confirm(callback, paymentId, attempt + 1), 2L * attempt, TimeUnit.SECONDS);
        }
    }

    private static String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DEMO_NOTIFICATION_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
