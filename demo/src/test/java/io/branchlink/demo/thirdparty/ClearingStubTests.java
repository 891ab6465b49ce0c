package io.branchlink.demo.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stub speaks the clearing contract of docs/transfers.md: it accepts a payment once per payment id and sends its
 * CONFIRMED notification, signed with the demo secret, to the payment's callback URL.
 */
class ClearingStubTests {

    final ClearingStub stub = ClearingStub.start(0, Duration.ofMillis(100));
    final HttpClient http = HttpClient.newHttpClient();
    final List<String[]> notifications = new CopyOnWriteArrayList<>();
    final HttpServer bank = bank();

    @AfterEach
    void stop() {
        stub.close();
        bank.stop(0);
    }

    @Test
    void acceptsAPaymentOnceAndConfirmsItWithASignedNotification() throws Exception {
        String payment = "{\"paymentId\":\"p-1\",\"amount\":\"10.00\",\"currency\":\"CNY\",\"callbackUrl\":\""
                + "http://127.0.0.1:" + bank.getAddress().getPort() + "/api/clearing/v1/notifications\"}";

        HttpResponse<String> first = send(ClearingStub.DEMO_API_KEY, payment);
        HttpResponse<String> again = send(ClearingStub.DEMO_API_KEY, payment);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).isEqualTo("{\"status\":\"ACCEPTED\"}");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(stub.payments()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !notifications.isEmpty());
        String[] notification = notifications.get(0);
        assertThat(notification[2]).contains("\"paymentId\":\"p-1\"", "\"status\":\"CONFIRMED\"");
        assertThat(notification[1]).isEqualTo("v1=" + hmac(notification[0] + "." + notification[2]));
        assertThat(notifications).hasSize(1);
    }

    @Test
    void refusesAWrongApiKey() throws Exception {
        assertThat(send("wrong", "{\"paymentId\":\"p-2\"}").statusCode()).isEqualTo(401);
        assertThat(stub.payments()).isZero();
    }

    HttpResponse<String> send(String apiKey, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/v1/payments"))
                .header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The bank's notification endpoint: keeps timestamp, signature and body of each notification, answers 200. */
    private HttpServer bank() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/clearing/v1/notifications", exchange -> {
                notifications.add(new String[] {exchange.getRequestHeaders().getFirst("X-Clearing-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Clearing-Signature"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ClearingStub.DEMO_NOTIFICATION_SECRET.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
