package io.branchlink.sim.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A JDK HTTP server on a free loopback port that answers the simulated app as channel-api would, for the app's tests:
 * each test hands it the handler for the paths under {@code context}.
 */
final class ChannelApiStub implements AutoCloseable {

    private final HttpServer server;

    private ChannelApiStub(HttpServer server) {
        this.server = server;
    }

    static ChannelApiStub start(String context, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(context, handler);
        server.start();
        return new ChannelApiStub(server);
    }

    /** A simulated phone talking to this stub. */
    SimulatedApp app(String deviceId) {
        return new SimulatedApp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), deviceId);
    }

    /** Answers JSON, or a problem from status 400 on. */
    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        reply(exchange, status, status < 400 ? "application/json" : "application/problem+json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Answers as channel-api's risk gate does when it asks for a second factor: 403 STEP_UP_REQUIRED carrying the
     * pending step-up (docs/risk.md, "Who asks the engine").
     */
    static void stepUpRequired(HttpExchange exchange, String stepUpId, String... factors) throws IOException {
        String list = String.join(",", java.util.Arrays.stream(factors).map(f -> "\"" + f + "\"").toList());
        reply(exchange, 403, """
                {"status": 403, "irc": "STEP_UP_REQUIRED", "detail": "Confirm it is you.",
                 "stepUp": {"id": "%s", "factors": [%s], "expiresAt": "2030-01-01T00:05:00Z"},
                 "reasons": ["Confirm it is you."], "decisionId": "00000000-0000-0000-0000-000000000001"}""".formatted(
                stepUpId, list));
    }

    static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
