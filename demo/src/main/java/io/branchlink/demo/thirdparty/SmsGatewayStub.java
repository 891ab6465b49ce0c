package io.branchlink.demo.thirdparty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.branchlink.sim.app.SmsInbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's SMS gateway: a JDK HTTP server on loopback that speaks the gateway contract of docs/channel-api.md
 * ({@code POST /v1/messages} with {@code X-Api-Key}, {@code {"to", "text"}} → 202 {@code {"messageId"}}) and, instead
 * of delivering, keeps each message in an inbox per phone number for the simulated customers to read.
 */
public final class SmsGatewayStub implements AutoCloseable {

    /** The API key channel-api is given in the demo; a real gateway's key comes from the bank's secret store. */
    public static final String DEMO_API_KEY = "demo-sms-api-key";
    private static final int MAX_BODY = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String apiKey;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    private SmsGatewayStub(HttpServer server, ExecutorService executor, String apiKey) {
        this.server = server;
        this.executor = executor;
        this.apiKey = apiKey;
    }

    /**
     * Starts the stub on loopback.
     *
     * @param port the port, or 0 for a free one
     */
    public static SmsGatewayStub start(int port, String apiKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sms-gateway-stub");
                thread.setDaemon(true);
                return thread;
            });
            SmsGatewayStub stub = new SmsGatewayStub(server, executor, apiKey);
            server.createContext("/v1/messages", stub::handle);
            server.setExecutor(executor);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as {@code branchlink.channel.sms.base-url}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every message accepted so far, oldest first. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /**
     * The inbox of a phone number, as registered ({@code 13800138001}) or in E.164 ({@code +8613800138001}): the
     * texts sent to it, oldest first.
     */
    public SmsInbox inbox(String phoneNumber) {
        String digits = phoneNumber.replaceAll("\\D", "");
        return () -> messages.stream().filter(m -> m.to().replaceAll("\\D", "").endsWith(digits))
                .map(Message::text).toList();
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
            JsonNode message;
            try {
                message = body.length > MAX_BODY ? null : json.readTree(body);
            } catch (IOException e) {
                message = null;
            }
            String to = message == null ? "" : message.path("to").asText("");
            String text = message == null ? "" : message.path("text").asText("");
            if (!to.matches("\\+[1-9][0-9]{6,14}") || text.isEmpty()) {
                reply(exchange, 400, "{\"error\":\"to must be an E.164 number and text must not be empty\"}");
                return;
            }
            String id = "stub-" + ids.incrementAndGet();
            messages.add(new Message(id, to, text, Instant.now()));
            reply(exchange, 202, json.writeValueAsString(java.util.Map.of("messageId", id)));
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** One accepted message; its text holds a code, so toString leaves it out. */
    public record Message(String messageId, String to, String text, Instant receivedAt) {

        @Override
        public String toString() {
            return "Message[" + messageId + " to " + to + " at " + receivedAt + "]";
        }
    }
}
