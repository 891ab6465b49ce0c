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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's identity verification provider: a JDK HTTP server on loopback that speaks the contract of
 * docs/onboarding.md ({@code POST /v1/identity-checks} with {@code X-Api-Key}, {@code {"idNumber", "name",
 * "livenessToken"}} → 200 {@code {"checkId", "result"}}). It has no register to look in, so its verdicts follow
 * rules a demo can steer: a liveness token that is missing or starts with {@code fail} is LIVENESS_FAILED, a name
 * with "Mismatch" in it NAME_MISMATCH, a number whose sequence digits (15 to 17) are {@code 000} NO_RECORD, and
 * anything else MATCH. It keeps the verdicts, never a number.
 */
public final class IdentityCheckStub implements AutoCloseable {

    /** The API key channel-api is given in the demo; a real provider's key comes from the bank's secret store. */
    public static final String DEMO_API_KEY = "demo-identity-api-key";
    private static final int MAX_BODY = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Check> checks = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    private IdentityCheckStub(HttpServer server, ExecutorService executor, String apiKey) {
        this.server = server;
        this.executor = executor;
        this.apiKey = apiKey;
    }

    /**
     * Starts the stub on loopback.
     *
     * @param port the port, or 0 for a free one
     */
    public static IdentityCheckStub start(int port, String apiKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "identity-check-stub");
                thread.setDaemon(true);
                return thread;
            });
            IdentityCheckStub stub = new IdentityCheckStub(server, executor, apiKey);
            server.createContext("/v1/identity-checks", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as {@code branchlink.channel.identity.base-url}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every check answered so far, oldest first. */
    public List<Check> checks() {
        return List.copyOf(checks);
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
                    apiKey.getBytes(StandardCharsets.UTF_8))) {
                reply(exchange, 401, "{\"error\":\"unknown API key\"}");
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            JsonNode request;
            try {
                request = body.length > MAX_BODY ? null : json.readTree(body);
            } catch (IOException e) {
                request = null;
            }
            String number = request == null ? "" : request.path("idNumber").asText("");
            String name = request == null ? "" : request.path("name").asText("");
            String liveness = request == null ? "" : request.path("livenessToken").asText("");
            if (!number.matches("[0-9]{17}[0-9X]") || name.isBlank()) {
                reply(exchange, 400, "{\"error\":\"idNumber must be 18 characters and name must not be empty\"}");
                return;
            }
            String result = verdict(number, name, liveness);
            String id = "stub-check-" + ids.incrementAndGet();
            checks.add(new Check(id, result));
            reply(exchange, 200, json.writeValueAsString(Map.of("checkId", id, "result", result)));
        }
    }

    private static String verdict(String number, String name, String liveness) {
        if (liveness.isBlank() || liveness.toLowerCase(Locale.ROOT).startsWith("fail")) {
            return "LIVENESS_FAILED";
        }
        if (name.toLowerCase(Locale.ROOT).contains("mismatch")) {
            return "NAME_MISMATCH";
        }
        if (number.startsWith("000", 14)) {
            return "NO_RECORD";
        }
        return "MATCH";
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** One check answered: its id and verdict. */
    public record Check(String checkId, String result) {
    }
}
