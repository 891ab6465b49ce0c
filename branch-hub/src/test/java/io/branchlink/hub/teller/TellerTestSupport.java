package io.branchlink.hub.teller;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.branchlink.hub.device.TestDevice;
import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.support.ChannelApiAnswers;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.hubapi.Customer;
import io.branchlink.protocol.hubapi.Execution;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.HubProblem;
import io.branchlink.protocol.hubapi.StagedForm;
import io.branchlink.protocol.hubapi.TokenStatus;
import io.branchlink.protocol.hubapi.VoucherCopy;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Teller terminals on the real broker, signed FORM tokens, channel-api's form answers, and a teller's browser. */
abstract class TellerTestSupport extends HubIntegrationTest {

    static final String TERMINAL = "TLR00101";
    static final String TERMINAL_PASSWORD = "teller-terminal-01";
    static final String TELLER = "T0042";
    static final String TELLER_PASSWORD = "teller-test-42";
    static final String OTHER_TELLER = "T0043";
    static final String OTHER_TELLER_PASSWORD = "teller-test-43";
    static final ObjectMapper JSON = ChannelApiAnswers.JSON;
    static final byte[] PDF = "%PDF-1.7\n% a voucher\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MqttClients mqtt;

    @LocalServerPort
    int port;

    /** A teller terminal connected and known to the registry as {@code TELLER}. */
    TestDevice tellerTerminal(String terminalId, String password) throws MqttException {
        return device(terminalId, password, DeviceState.DeviceKind.TELLER);
    }

    TestDevice device(String deviceId, String password, DeviceState.DeviceKind kind) throws MqttException {
        TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, deviceId, password);
        device.online();
        device.state(DeviceState.of(kind, DeviceState.Status.IN_SERVICE, List.of(), Instant.now()));
        TellerBrowser operator = new TellerBrowser("OPS01", "operator-test-pass");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> response = operator.get("/api/devices/" + deviceId);
            return response.statusCode() == 200
                    && kind.name().equals(JSON.readTree(response.body()).path("deviceKind").asText());
        });
        return device;
    }

    static void scan(TestDevice device, String text) throws MqttException {
        device.event(QrScanned.of(UUID.randomUUID().toString(), text, Instant.now()));
    }

    /** A FORM token signed with channel-api's key, and its token id. */
    record FormToken(String text, String tokenId) {

        static FormToken valid() {
            return valid(Instant.now().plus(Duration.ofHours(4)));
        }

        static FormToken valid(Instant expiry) {
            String text = Tokens.sign(TokenType.FORM, null, null, expiry, TOKEN_KEYS.getPrivate());
            return new FormToken(text, QrTokenCodec.parse(text).claims().tokenIdHex());
        }
    }

    /** A StagedForm as channel-api sends it. */
    static StagedForm stagedForm(String draftId, String tokenId, String branchId, Instant expiresAt) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("customerName", "Alice Chen");
        values.put("idNumber", "11010519900307345X");
        values.put("sourceAccount", "6222020000000042");
        values.put("currency", "CNY");
        values.put("amount", "20000.00");
        values.put("term", "Y1");
        values.put("autoRenew", "YES");
        return new StagedForm(draftId, tokenId, "TIME_DEPOSIT_OPENING", branchId,
                new Customer("c-1", "Alice Chen", "0142"), values, Instant.now().minusSeconds(60), expiresAt);
    }

    /** channel-api knows {@code token} as staged here (the hub's fallback lookup), and returns its form. */
    static String stagedAtChannel(FormToken token) {
        String draftId = UUID.randomUUID().toString();
        channelApi.stubFor(get(tokenPath(token)).willReturn(ChannelApiAnswers.json(new TokenStatus("STAGED", BRANCH,
                null, stagedForm(draftId, token.tokenId(), BRANCH, Instant.now().plus(Duration.ofHours(4)))))));
        return draftId;
    }

    /**
     * channel-api knows {@code token} as submitted with no branch (the token lookup), and stages it at this branch
     * when the hub asks; returns the draft id.
     */
    static String submittedAtChannel(FormToken token) {
        String draftId = UUID.randomUUID().toString();
        channelApi.stubFor(get(tokenPath(token))
                .willReturn(ChannelApiAnswers.json(new TokenStatus("SUBMITTED", null, null, null))));
        channelApi.stubFor(post(stagePath(token)).willReturn(ChannelApiAnswers.json(new TokenStatus("STAGED", BRANCH,
                null, stagedForm(draftId, token.tokenId(), BRANCH, Instant.now().plus(Duration.ofHours(4)))))));
        return draftId;
    }

    static String tokenPath(FormToken token) {
        return HubApiPaths.FORM_TOKEN.replace("{tokenId}", token.tokenId());
    }

    static String stagePath(FormToken token) {
        return HubApiPaths.FORM_STAGE.replace("{tokenId}", token.tokenId());
    }

    /** channel-api's answer to an execution, as JSON. */
    static String execution(String confirmationId, String draftId, String outcome, String reference) {
        boolean executed = "EXECUTED".equals(outcome);
        return ChannelApiAnswers.write(new Execution(confirmationId, draftId, outcome,
                executed ? "Time deposit opened" : "ID card does not match",
                JSON.valueToTree(executed ? Map.of("timeDepositAccount", "6222020000000123") : Map.of()),
                Instant.now(), executed ? new VoucherCopy(reference, sha256(PDF), PDF) : null));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the teller's console shows a view newer than {@code after}, and returns it. */
    static JsonNode awaitView(TellerBrowser teller, long after) {
        JsonNode[] view = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            view[0] = teller.json("/teller/api/current");
            return view[0].path("version").asLong() > after;
        });
        return view[0];
    }

    /** The terminal scans {@code text}; returns the teller's view once it has changed because of it. */
    static JsonNode scanAndAwaitView(TellerBrowser teller, TestDevice terminal, String text) throws Exception {
        long before = teller.json("/teller/api/current").path("version").asLong();
        scan(terminal, text);
        return awaitView(teller, before);
    }

    /** channel-api's RFC 9457 answer. */
    static ResponseDefinitionBuilder problem(HubProblem problem) {
        return ChannelApiAnswers.problem(problem);
    }

    TellerBrowser browser(String teller, String password) {
        return new TellerBrowser(teller, password);
    }

    /** A teller's browser: HTTP Basic, cookies (session and XSRF-TOKEN), and the CSRF header on posts. */
    final class TellerBrowser {

        private final HttpClient http;
        private final CookieManager cookies = new CookieManager();
        private final String authorization;

        TellerBrowser(String user, String password) {
            this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
            this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        JsonNode json(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        /** Signs in (reads the session, which issues the CSRF cookie). */
        JsonNode session() throws IOException, InterruptedException {
            return json("/teller/api/session");
        }

        HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
            return postWithCsrf(path, body, xsrf());
        }

        HttpResponse<String> postWithCsrf(String path, Object body, String csrf)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (csrf != null) {
                request.header("X-XSRF-TOKEN", csrf);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String xsrf() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20));
            if (authorization != null) {
                builder.header("Authorization", authorization);
            }
            return builder;
        }
    }
}
