package io.branchlink.hub.iso8583;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.branchlink.hub.reversal.ReversalRelay;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.IsoFrames;
import io.branchlink.hub.support.IsoTestClient;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.IsoMessage;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import io.branchlink.protocol.iso8583.ReversalResponse;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.TokenType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IsoServerIntegrationTests extends HubIntegrationTest {

    private static final AtomicInteger STAN = new AtomicInteger(100);
    private static final String KEY_HEX = "00112233445566778899aabbccddeeff";

    @Autowired
    ReversalRelay reversals;

    IsoTestClient terminal;

    @BeforeEach
    void connectAndSignOn() throws IOException {
        terminal = new IsoTestClient(ISO_PORT, ITM, KEY);
        NetworkResponse signedOn = (NetworkResponse) terminal.exchange(network(ITM, NetworkCode.SIGN_ON));
        assertThat(signedOn.responseCode().code()).isEqualTo("00");
    }

    @AfterEach
    void disconnect() throws IOException {
        terminal.close();
    }

    private static NetworkRequest network(String terminalId, NetworkCode code) {
        return new NetworkRequest(code, now(), STAN.getAndIncrement(), terminalId, BRANCH);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static FinancialRequest withdrawal(String token, String amount) {
        int stan = STAN.getAndIncrement();
        return new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse(amount, "CNY"), now(), stan,
                LocalDateTime.now(ZoneOffset.UTC), String.format("%012d", stan), ITM, BRANCH, token);
    }

    private FinancialResponse authorize(FinancialRequest request) throws IOException {
        return (FinancialResponse) terminal.exchange(request);
    }

    private void channelAnswers(String irc, String authCode) {
        channelApi.stubFor(post("/api/hub/v1/withdrawals").willReturn(decision(irc, authCode)));
    }

    private int withdrawalCalls() {
        return channelApi.findAll(postRequestedFor(urlEqualTo("/api/hub/v1/withdrawals"))).size();
    }

    @Nested
    class Withdrawal {

        @Test
        void approvesWhatChannelApiApprovesWithItsAuthorizationCode() throws IOException {
            channelAnswers("APPROVED", "123456");
            String token = Tokens.withdrawal("500", BRANCH);
            FinancialRequest request = withdrawal(token, "500");

            FinancialResponse response = authorize(request);

            assertThat(response.responseCode().code()).isEqualTo("00");
            assertThat(response.authorizationCode()).isEqualTo("123456");
            assertThat(response.stan()).isEqualTo(request.stan());
            channelApi.verify(postRequestedFor(urlEqualTo("/api/hub/v1/withdrawals"))
                    .withRequestBody(matchingJsonPath("$.token", com.github.tomakehurst.wiremock.client.WireMock
                            .equalTo(token)))
                    .withRequestBody(matchingJsonPath("$.terminalId", com.github.tomakehurst.wiremock.client.WireMock
                            .equalTo(ITM)))
                    .withRequestBody(equalToJson("{\"stan\":" + request.stan() + ",\"amount\":500.00}", true, true)));
        }

        @Test
        void mapsChannelApisDeclineToField39() throws IOException {
            channelAnswers("NOT_SUFFICIENT_FUNDS", null);

            FinancialResponse response = authorize(withdrawal(Tokens.withdrawal("500", BRANCH), "500"));

            assertThat(response.responseCode().code()).isEqualTo("51");
            assertThat(response.authorizationCode()).isNull();
        }

        @Test
        void answersARiskDeclineWith59WithoutRetryOrReversalAndLeavesTheTokenUsable() throws IOException {
            channelAnswers("RISK_DECLINED", null);
            String token = Tokens.withdrawal("1500", BRANCH);

            FinancialResponse declined = authorize(withdrawal(token, "1500"));

            assertThat(declined.responseCode().code()).isEqualTo("59");
            assertThat(declined.authorizationCode()).isNull();
            assertThat(withdrawalCalls()).as("a decline is an answer, not retried").isEqualTo(1);
            assertThat(reversals.pending()).isEmpty();
            channelApi.verify(0, postRequestedFor(urlEqualTo("/api/hub/v1/reversals")));

            channelAnswers("APPROVED", "246810");
            FinancialResponse later = authorize(withdrawal(token, "1500"));
            assertThat(later.responseCode().code()).as("the token was not marked consumed").isEqualTo("00");
        }

        @Test
        void declinesAForgedTokenWithoutCallingChannelApi() throws IOException {
            String forged = Tokens.sign(TokenType.WITHDRAWAL, Money.parse("500", "CNY"), BRANCH,
                    Instant.now().plusSeconds(300), Ed25519Keys.generate().getPrivate());

            assertThat(authorize(withdrawal(forged, "500")).responseCode().code()).isEqualTo("63");
            assertThat(withdrawalCalls()).isZero();
        }

        @Test
        void declinesAnExpiredTokenWithoutCallingChannelApi() throws IOException {
            String expired = Tokens.sign(TokenType.WITHDRAWAL, Money.parse("500", "CNY"), BRANCH,
                    Instant.now().minusSeconds(120), TOKEN_KEYS.getPrivate());

            assertThat(authorize(withdrawal(expired, "500")).responseCode().code()).isEqualTo("54");
            assertThat(withdrawalCalls()).isZero();
        }

        @Test
        void declinesATokenForAnotherBranch() throws IOException {
            assertThat(authorize(withdrawal(Tokens.withdrawal("500", "BR002"), "500")).responseCode().code())
                    .isEqualTo("12");
            assertThat(withdrawalCalls()).isZero();
        }

        @Test
        void declinesTheSameTokenUnderAnotherStanAsADuplicateWithoutCallingChannelApi() throws IOException {
            channelAnswers("APPROVED", "654321");
            String token = Tokens.withdrawal("500", BRANCH);
            authorize(withdrawal(token, "500"));

            FinancialResponse replay = authorize(withdrawal(token, "500"));

            assertThat(replay.responseCode().code()).isEqualTo("94");
            assertThat(withdrawalCalls()).isEqualTo(1);
        }

        @Test
        void approvesTheRightAmountAfterAWrongAmountWasDeclined() throws IOException {
            String token = Tokens.withdrawal("500", BRANCH);
            channelApi.stubFor(post("/api/hub/v1/withdrawals")
                    .withRequestBody(equalToJson("{\"amount\":600.00}", true, true))
                    .willReturn(decision("INVALID_AMOUNT", null)));
            channelApi.stubFor(post("/api/hub/v1/withdrawals")
                    .withRequestBody(equalToJson("{\"amount\":500.00}", true, true))
                    .willReturn(decision("APPROVED", "135790")));

            FinancialResponse wrong = authorize(withdrawal(token, "600"));
            FinancialResponse right = authorize(withdrawal(token, "500"));

            assertThat(wrong.responseCode().code()).isEqualTo("13");
            assertThat(right.responseCode().code()).isEqualTo("00");
            assertThat(right.authorizationCode()).isEqualTo("135790");
            assertThat(withdrawalCalls()).isEqualTo(2);
        }

        @Test
        void passesARetransmissionUnderTheSameKeyToChannelApiForItsStoredAnswer() throws IOException {
            channelAnswers("APPROVED", "111222");
            FinancialRequest request = withdrawal(Tokens.withdrawal("500", BRANCH), "500");
            authorize(request);

            FinancialResponse again = authorize(request);

            assertThat(again.responseCode().code()).isEqualTo("00");
            assertThat(withdrawalCalls()).isEqualTo(2);
        }

        @Test
        void declinesATerminalThatHasNotSignedOn() throws IOException {
            channelAnswers("APPROVED", "123456");
            try (IsoTestClient other = new IsoTestClient(ISO_PORT, ITM2, KEY2)) {
                FinancialRequest request = new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse("500", "CNY"),
                        now(), STAN.getAndIncrement(), LocalDateTime.now(ZoneOffset.UTC), "000000000001", ITM2,
                        BRANCH, Tokens.withdrawal("500", BRANCH));

                FinancialResponse response = (FinancialResponse) other.exchange(request);

                assertThat(response.responseCode().code()).isEqualTo("91");
                assertThat(withdrawalCalls()).isZero();
            }
        }
    }

    @Nested
    class SignOnPerConnection {

        @Test
        void declinesA0200FromAConnectionThatHasNotSignedOnWhileTheTerminalIsSignedOnElsewhere() throws IOException {
            channelAnswers("APPROVED", "123456");
            try (IsoTestClient second = new IsoTestClient(ISO_PORT, ITM, KEY)) {

                FinancialResponse response = (FinancialResponse) second.exchange(
                        withdrawal(Tokens.withdrawal("500", BRANCH), "500"));

                assertThat(response.responseCode().code()).isEqualTo("91");
                assertThat(withdrawalCalls()).isZero();
            }
        }

        @Test
        void declinesA0420FromAConnectionThatHasNotSignedOn() throws IOException {
            try (IsoTestClient second = new IsoTestClient(ISO_PORT, ITM, KEY)) {
                FinancialRequest original = withdrawal(Tokens.withdrawal("800", BRANCH), "800");

                ReversalResponse ack = (ReversalResponse) second.exchange(
                        ReversalAdvice.full(original, STAN.getAndIncrement(), now()));

                assertThat(ack.responseCode().code()).isEqualTo("91");
                assertThat(reversals.pending()).noneSatisfy(
                        p -> assertThat(p.originalStan()).isEqualTo(original.stan()));
            }
        }

        @Test
        void aSignOffOnAnotherConnectionLeavesTheLinkSignedOn() throws IOException {
            channelAnswers("APPROVED", "123456");
            try (IsoTestClient second = new IsoTestClient(ISO_PORT, ITM, KEY)) {
                second.exchange(network(ITM, NetworkCode.SIGN_OFF));
            }

            assertThat(authorize(withdrawal(Tokens.withdrawal("500", BRANCH), "500")).responseCode().code())
                    .isEqualTo("00");
        }

        @Test
        void aNewSignOnReplacesTheOldConnectionWhichCanNoLongerSignItOff() throws IOException {
            channelAnswers("APPROVED", "123456");
            try (IsoTestClient replacement = new IsoTestClient(ISO_PORT, ITM, KEY)) {

                NetworkResponse signedOn = (NetworkResponse) replacement.exchange(network(ITM, NetworkCode.SIGN_ON));

                assertThat(signedOn.responseCode().code()).isEqualTo("00");
                assertThat(terminal.closedByHub()).as("the old connection is closed by the hub").isTrue();
                assertThat(((FinancialResponse) replacement.exchange(
                        withdrawal(Tokens.withdrawal("500", BRANCH), "500"))).responseCode().code()).isEqualTo("00");
            }
        }
    }

    @Nested
    class ChannelApiTrouble {

        @Test
        void answers91AndQueuesAReversalWhenChannelApiIsUnreachable() throws IOException {
            channelApi.stubFor(post("/api/hub/v1/withdrawals")
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            channelApi.stubFor(post("/api/hub/v1/reversals").inScenario("recovery")
                    .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                    .willSetStateTo("up"));
            channelApi.stubFor(post("/api/hub/v1/reversals").inScenario("recovery")
                    .whenScenarioStateIs("up").willReturn(decision("APPROVED", null)));
            FinancialRequest request = withdrawal(Tokens.withdrawal("500", BRANCH), "500");

            FinancialResponse response = authorize(request);

            assertThat(response.responseCode().code()).isEqualTo("91");
            await().atMost(Duration.ofSeconds(10)).until(() -> reversals.pending().isEmpty());
            channelApi.verify(2, postRequestedFor(urlEqualTo("/api/hub/v1/reversals"))
                    .withRequestBody(equalToJson("{\"kind\":\"WITHDRAWAL\",\"terminalId\":\"" + ITM
                            + "\",\"stan\":" + request.stan() + ",\"completedAmount\":0.00}", true, true)));
        }

        @Test
        void answers91WhenChannelApiFailsWith5xx() throws IOException {
            channelApi.stubFor(post("/api/hub/v1/withdrawals").willReturn(aResponse().withStatus(500)));
            channelApi.stubFor(post("/api/hub/v1/reversals").willReturn(decision("APPROVED", null)));

            assertThat(authorize(withdrawal(Tokens.withdrawal("500", BRANCH), "500")).responseCode().code())
                    .isEqualTo("91");
            assertThat(withdrawalCalls()).as("one retry of an idempotent call").isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> reversals.pending().isEmpty());
        }
    }

    @Nested
    class Reversal {

        @Test
        void acknowledgesAtOnceAndForwardsOnceChannelApiIsBack() throws IOException {
            channelApi.stubFor(post("/api/hub/v1/reversals").willReturn(aResponse().withStatus(503)));
            FinancialRequest original = withdrawal(Tokens.withdrawal("800", BRANCH), "800");
            ReversalAdvice advice = ReversalAdvice.partial(original, Money.parse("500", "CNY"),
                    STAN.getAndIncrement(), now());

            ReversalResponse ack = (ReversalResponse) terminal.exchange(advice);

            assertThat(ack.responseCode().code()).isEqualTo("00");
            assertThat(reversals.pending()).anySatisfy(p -> assertThat(p.originalStan()).isEqualTo(original.stan()));
            channelApi.stubFor(post("/api/hub/v1/reversals").willReturn(decision("APPROVED", null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> reversals.pending().isEmpty());
            channelApi.verify(postRequestedFor(urlEqualTo("/api/hub/v1/reversals")).withRequestBody(equalToJson(
                    "{\"stan\":" + original.stan() + ",\"completedAmount\":500.00}", true, true)));
        }

        @Test
        void aResentAdviceIsOneReversal() throws IOException {
            channelApi.stubFor(post("/api/hub/v1/reversals").willReturn(aResponse().withStatus(503)));
            FinancialRequest original = withdrawal(Tokens.withdrawal("800", BRANCH), "800");
            ReversalAdvice advice = ReversalAdvice.full(original, STAN.getAndIncrement(), now());

            terminal.exchange(advice);
            terminal.exchange(ReversalAdvice.full(original, STAN.getAndIncrement(), now()));

            assertThat(reversals.pending()).filteredOn(p -> p.originalStan() == original.stan()).hasSize(1);
            channelApi.stubFor(post("/api/hub/v1/reversals").willReturn(decision("APPROVED", null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> reversals.pending().isEmpty());
        }
    }

    @Nested
    class BadInput {

        @Test
        void answersAMessageWithABadMacWith63AndNeverActsOnIt() throws IOException {
            channelAnswers("APPROVED", "123456");
            byte[] message = io.branchlink.protocol.iso8583.Iso8583Codec.encode(
                    withdrawal(Tokens.withdrawal("500", BRANCH), "500"), KEY);
            message[message.length - 1] ^= 0x5A;

            terminal.sendRaw(new io.branchlink.protocol.iso8583.IsoFraming().frame(message));
            Optional<IsoMessage> answer = terminal.receive();

            assertThat(answer).get().isInstanceOfSatisfying(FinancialResponse.class,
                    r -> assertThat(r.responseCode().code()).isEqualTo("63"));
            assertThat(withdrawalCalls()).isZero();
        }

        @Test
        void answersAnAuthenticMessageWithoutAMandatoryFieldWith30AndKeepsTheConnection() throws IOException {
            channelAnswers("APPROVED", "123456");
            FinancialRequest request = withdrawal(Tokens.withdrawal("500", BRANCH), "500");

            terminal.sendRaw(new io.branchlink.protocol.iso8583.IsoFraming().frame(
                    IsoFrames.withoutField48(request, KEY_HEX)));
            Optional<IsoMessage> answer = terminal.receive();

            assertThat(answer).get().isInstanceOfSatisfying(FinancialResponse.class, r -> {
                assertThat(r.responseCode().code()).isEqualTo("30");
                assertThat(r.stan()).isEqualTo(request.stan());
                assertThat(r.rrn()).isEqualTo(request.rrn());
            });
            assertThat(withdrawalCalls()).isZero();
            assertThat(((NetworkResponse) terminal.exchange(network(ITM, NetworkCode.ECHO_TEST))).responseCode()
                    .code()).as("the same connection still serves").isEqualTo("00");
        }

        @Test
        void answersAnAuthenticMessageWithAnInvalidFieldValueWith30EchoingTheFieldAsReceived() throws IOException {
            byte[] message = io.branchlink.protocol.iso8583.Iso8583Codec.encode(
                    withdrawal(Tokens.withdrawal("500", BRANCH), "500"), KEY);
            message[IsoFrames.FIELD_3_OFFSET] = (byte) 0x99; // processing code 990000: BCD, but not in the profile

            terminal.sendRaw(new io.branchlink.protocol.iso8583.IsoFraming().frame(IsoFrames.remac(message, KEY_HEX)));
            byte[] answer = terminal.receiveRaw().orElseThrow();

            assertThat(answer).startsWith(0x02, 0x10);
            assertThat(answer[IsoFrames.FIELD_3_OFFSET]).isEqualTo((byte) 0x99);
            assertThat(new String(answer, IsoFrames.FIELD_39_OFFSET_IN_0210, 2, java.nio.charset.StandardCharsets
                    .US_ASCII)).isEqualTo("30");
            assertThat(IsoFrames.macVerifies(answer, KEY_HEX)).isTrue();
            assertThat(withdrawalCalls()).isZero();
        }

        @Test
        void closesTheConnectionOnAMessageWithoutAMandatoryFieldWhoseMacFails() throws IOException {
            byte[] message = IsoFrames.withoutField48(withdrawal(Tokens.withdrawal("500", BRANCH), "500"), KEY_HEX);
            message[message.length - 1] ^= 0x5A;

            terminal.sendRaw(new io.branchlink.protocol.iso8583.IsoFraming().frame(message));

            assertThat(closedByHub(terminal)).isTrue();
        }

        @Test
        void closesTheConnectionOnGarbageAndKeepsServingOthers() throws IOException {
            terminal.sendRaw(new byte[] {0, 5, 1, 2, 3, 4, 5});

            assertThat(closedByHub(terminal)).isTrue();
            try (IsoTestClient fresh = new IsoTestClient(ISO_PORT, ITM, KEY)) {
                assertThat(((NetworkResponse) fresh.exchange(network(ITM, NetworkCode.ECHO_TEST))).responseCode()
                        .code()).isEqualTo("00");
            }
        }

        @Test
        void closesTheConnectionOnAnOversizedLengthPrefixWithoutReadingIt() throws IOException {
            terminal.sendRaw(new byte[] {(byte) 0xFF, (byte) 0xFF, 1, 2, 3});

            assertThat(closedByHub(terminal)).isTrue();
        }

        @Test
        void refusesAnUnknownTerminal() throws IOException {
            MacKey stranger = MacKey.fromHex("0f0e0d0c0b0a09080706050403020100");
            try (IsoTestClient unknown = new IsoTestClient(ISO_PORT, "ITM99999", stranger)) {
                unknown.sendRaw(new io.branchlink.protocol.iso8583.IsoFraming().frame(
                        io.branchlink.protocol.iso8583.Iso8583Codec.encode(
                                network("ITM99999", NetworkCode.SIGN_ON), stranger)));

                assertThat(closedByHub(unknown)).isTrue();
            }
        }

        private boolean closedByHub(IsoTestClient client) {
            try {
                return client.receive().isEmpty();
            } catch (IOException e) {
                return true;
            }
        }
    }
}
