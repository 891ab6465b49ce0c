package io.branchlink.hub.token;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFailure;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The hub's local token check against keys fetched from (a stand-in for) channel-api. */
class TokenPreCheckIntegrationTests extends HubIntegrationTest {

    @Autowired
    ChannelClient channel;

    /** A check with no keys yet and no minimum interval between fetches. */
    private TokenPreCheck freshCheck() {
        return new TokenPreCheck(channel, new TokenProperties(java.time.Duration.ofSeconds(30), java.time.Duration.ZERO,
                        java.time.Duration.ofMinutes(15)), Clock.systemUTC());
    }

    @Test
    void acceptsATokenSignedWithAPublishedKey() {
        assertThat(freshCheck().check(Tokens.withdrawal("100", BRANCH), TokenType.WITHDRAWAL, BRANCH))
                .get().matches(TokenVerification::isValid);
    }

    @Test
    void fetchesTheKeysAgainWhenATokenNamesANewKeyId() {
        TokenPreCheck check = freshCheck();
        check.check(Tokens.withdrawal("100", BRANCH), TokenType.WITHDRAWAL, BRANCH);
        KeyPair rotated = Ed25519Keys.generate();
        channelApi.stubFor(get("/api/hub/v1/token-keys").willReturn(okJson("{\"K1\":\""
                + Ed25519Keys.publicKeyToBase64(TOKEN_KEYS.getPublic()) + "\",\"K2\":\""
                + Ed25519Keys.publicKeyToBase64(rotated.getPublic()) + "\"}")));
        String token = QrTokenCodec.encode(new QrToken(1, TokenType.WITHDRAWAL, "K2", new byte[16],
                Instant.now().plusSeconds(60), Money.parse("100", "CNY"), BRANCH), rotated.getPrivate());

        assertThat(check.check(token, TokenType.WITHDRAWAL, BRANCH)).get().matches(TokenVerification::isValid);
        channelApi.verify(2, getRequestedFor(urlEqualTo("/api/hub/v1/token-keys")));
    }

    @Test
    void refusesAKeyIdChannelApiDoesNotPublish() {
        TokenPreCheck check = freshCheck();
        String token = QrTokenCodec.encode(new QrToken(1, TokenType.WITHDRAWAL, "K9", new byte[16],
                Instant.now().plusSeconds(60), Money.parse("100", "CNY"), BRANCH), Ed25519Keys.generate().getPrivate());

        assertThat(check.check(token, TokenType.WITHDRAWAL, BRANCH)).get()
                .isInstanceOfSatisfying(TokenVerification.Invalid.class,
                        invalid -> assertThat(invalid.failure()).isEqualTo(TokenFailure.UNKNOWN_KEY));
    }

    @Test
    void passesTokensOnUncheckedWhileNoKeysCanBeFetched() {
        channelApi.stubFor(get("/api/hub/v1/token-keys").willReturn(aResponse().withStatus(503)));

        assertThat(freshCheck().check(Tokens.withdrawal("100", BRANCH), TokenType.WITHDRAWAL, BRANCH)).isEmpty();
    }
}
