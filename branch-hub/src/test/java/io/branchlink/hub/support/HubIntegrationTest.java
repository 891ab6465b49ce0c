package io.branchlink.hub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.branchlink.hub.HubApplication;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.ItmSessionFeed;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.qr.Ed25519Keys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub context every hub integration test shares: the real ISO 8583 server and MQTT broker on free ports, a
 * one-member Hazelcast cluster of its own, reversals in a fresh directory, and WireMock standing in for channel-api.
 */
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
public abstract class HubIntegrationTest {

    public static final String BRANCH = "BR001";
    public static final String ITM = "ITM00101";
    public static final String ITM2 = "ITM00102";
    public static final MacKey KEY = MacKey.fromHex("00112233445566778899aabbccddeeff");
    public static final MacKey KEY2 = MacKey.fromHex("ffeeddccbbaa99887766554433221100");
    public static final KeyPair TOKEN_KEYS = Ed25519Keys.generate();
    public static final int ISO_PORT = freePort();
    public static final Path REVERSALS = Path.of("target", "test-reversals", UUID.randomUUID().toString());

    /** channel-api's stand-in, started once for the shared context and left running until the JVM ends. */
    protected static final WireMockServer channelApi = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        channelApi.start();
    }

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("branchlink.hub.branch-id", () -> BRANCH);
        registry.add("branchlink.hub.cluster.name", () -> "test-" + UUID.randomUUID());
        registry.add("branchlink.hub.iso8583.port", () -> ISO_PORT);
        registry.add("branchlink.hub.iso8583.terminals." + ITM, () -> "00112233445566778899aabbccddeeff");
        registry.add("branchlink.hub.iso8583.terminals." + ITM2, () -> "ffeeddccbbaa99887766554433221100");
        registry.add("branchlink.hub.reversal.directory", REVERSALS::toString);
        registry.add("branchlink.hub.reversal.poll-interval", () -> "100ms");
        registry.add("branchlink.hub.reversal.first-retry", () -> "200ms");
        registry.add("branchlink.hub.reversal.max-retry", () -> "1s");
        registry.add("branchlink.hub.channel.base-url", channelApi::baseUrl);
        registry.add("branchlink.hub.channel.read-timeout", () -> "2s");
        registry.add("branchlink.hub.channel.attempts", () -> "2");
        registry.add("branchlink.hub.mqtt.port", HubIntegrationTest::freePort);
    }

    @BeforeEach
    void publishTokenKeys() {
        channelApi.resetAll();
        channelApi.stubFor(get(HubApiPaths.TOKEN_KEYS)
                .willReturn(ChannelApiAnswers.json(Map.of("K1", Ed25519Keys.publicKeyToBase64(TOKEN_KEYS.getPublic())))));
        // the hub's staging loop polls all the time: an empty feed unless a test stubs one
        channelApi.stubFor(get(urlPathEqualTo(HubApiPaths.FORM_FEED)).atPriority(10)
                .willReturn(ChannelApiAnswers.json(new Feed(List.of(), 0))));
        // so does the ITM session loop; ITMs get no session code unless a test stubs one
        channelApi.stubFor(get(urlPathEqualTo(HubApiPaths.ITM_SESSION_FEED)).atPriority(10)
                .willReturn(ChannelApiAnswers.json(new ItmSessionFeed(List.of(), 0))));
    }

    protected static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder decision(String irc,
            String authCode) {
        return ChannelApiAnswers.decision(irc, authCode);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
