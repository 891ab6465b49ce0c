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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's credit bureau: a JDK HTTP server on loopback that speaks the bureau contract of docs/loans.md
 * ({@code POST /v1/reports} with {@code X-Api-Key}, {@code {"residentId"}} → 200 report, or 404 for no file) and
 * makes the report up from the ID number's 3-digit sequence code (its characters 15 to 17): 900–999 a poor report
 * (declined), 800–899 no file (the smallest line), anything else a long clean history (band A).
 */
public final class CreditBureauStub implements AutoCloseable {

    /** The API key channel-api is given in the demo; a real bureau's key comes from the bank's secret store. */
    public static final String DEMO_API_KEY = "demo-bureau-api-key";
    private static final int MAX_BODY = 4 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();

    private CreditBureauStub(HttpServer server, ExecutorService executor, String apiKey) {
        this.server = server;
        this.executor = executor;
        this.apiKey = apiKey;
    }

    /**
     * Starts the stub on loopback.
     *
     * @param port the port, or 0 for a free one
     */
    public static CreditBureauStub start(int port, String apiKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "credit-bureau-stub");
                thread.setDaemon(true);
                return thread;
            });
            CreditBureauStub stub = new CreditBureauStub(server, executor, apiKey);
            server.createContext("/v1/reports", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as {@code branchlink.channel.bureau.base-url}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many reports were asked so far. */
    public long reportsAsked() {
        return ids.get();
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
            String residentId = request == null ? "" : request.path("residentId").asText("");
            if (!residentId.matches("[0-9]{17}[0-9X]")) {
                reply(exchange, 400, "{\"error\":\"residentId must be an 18-character resident ID number\"}");
                return;
            }
            String reportId = "DEMO-" + ids.incrementAndGet();
            int sequence = Integer.parseInt(residentId.substring(14, 17));
            if (sequence >= 800 && sequence < 900) {
                reply(exchange, 404, "{\"error\":\"no file\"}");
                return;
            }
            boolean poor = sequence >= 900;
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("reportId", reportId);
            report.put("historyMonths", poor ? 6 : 96);
            report.put("delinquencies12m", poor ? 4 : 0);
            report.put("worstDelinquencyDays", poor ? 60 : 0);
            report.put("utilisation", poor ? 0.95 : 0.12);
            report.put("inquiries6m", poor ? 8 : 1);
            reply(exchange, 200, json.writeValueAsString(report));
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 404 ? -1 : bytes.length);
        if (status != 404) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
