package io.branchlink.hub.iso8583;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.hub.reversal.ReversalRelay;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.IsoTestClient;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.iso8583.FinancialAdvice;
import io.branchlink.protocol.iso8583.FinancialAdviceResponse;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFraming;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.TokenType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deposit advices (0220) at the hub: stored before the 0230, offered to channel-api as a deposit with
 * {@code advice: true} on the original 0200's key, and forwarded until channel-api decides when it is away.
 */
class IsoAdviceIntegrationTests extends HubIntegrationTest {

    private static final AtomicInteger STAN = new AtomicInteger(700);
    private static final String DEPOSITS = "/api/hub/v1/deposits";

    @Autowired
    ReversalRelay relay;

    IsoTestClient terminal;

    @BeforeEach
    void connectAndSignOn() throws IOException {
        terminal = new IsoTestClient(ISO_PORT, ITM, KEY);
        NetworkResponse signedOn = (NetworkResponse) terminal.exchange(new NetworkRequest(NetworkCode.SIGN_ON, now(),
                STAN.getAndIncrement(), ITM, BRANCH));
        assertThat(signedOn.responseCode().code()).isEqualTo("00");
    }

    @AfterEach
    void disconnect() throws IOException {
        terminal.close();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The 0220 of a deposit of {@code amount} whose 0210 never reached the terminal. */
    private static FinancialAdvice advice(String amount) {
        int stan = STAN.getAndIncrement();
        String token = Tokens.sign(TokenType.DEPOSIT, null, BRANCH, Instant.now().plus(Duration.ofMinutes(5)),
                TOKEN_KEYS.getPrivate());
        FinancialRequest original = new FinancialRequest(TransactionKind.DEPOSIT, Money.parse(amount, "CNY"), now(),
                stan, LocalDateTime.now(ZoneOffset.UTC), String.format("%012d", stan), ITM, BRANCH, token);
        return FinancialAdvice.of(original, original.amount(), STAN.getAndIncrement(), now());
    }

    private FinancialAdviceResponse send(FinancialAdvice advice) throws IOException {
        return (FinancialAdviceResponse) terminal.exchange(advice);
    }

    private String adviceBody(FinancialAdvice advice) {
        return "{\"terminalId\":\"" + ITM + "\",\"stan\":" + advice.original().stan() + ",\"advice\":true,"
                + "\"amount\":" + advice.kept().toDecimal() + "}";
    }

    @Test
    void creditsThroughChannelApiOnTheOriginalKeyAndAnswers00() throws IOException {
        channelApi.stubFor(post(DEPOSITS).willReturn(decision("APPROVED", "123456")));
        FinancialAdvice advice = advice("1200");

        FinancialAdviceResponse answer = send(advice);

        assertThat(answer.responseCode().code()).isEqualTo("00");
        assertThat(answer.original()).isEqualTo(advice.original());
        assertThat(relay.pendingAdvices()).noneMatch(p -> p.originalStan() == advice.original().stan());
        channelApi.verify(1, postRequestedFor(urlEqualTo(DEPOSITS))
                .withRequestBody(equalToJson(adviceBody(advice), true, true)));
    }

    @Test
    void answersChannelApisRefusalSoTheTerminalRecordsAnException() throws IOException {
        channelApi.stubFor(post(DEPOSITS).willReturn(decision("DO_NOT_HONOUR", null)));

        assertThat(send(advice("500")).responseCode().code()).isEqualTo("05");
        assertThat(relay.pendingAdvices()).isEmpty();
    }

    @Test
    void storesAndAnswers91WhenChannelApiIsAwayForwardsOnceItIsBackAndAnswersTheRepeat00() throws IOException {
        channelApi.stubFor(post(DEPOSITS).willReturn(aResponse().withStatus(503)));
        FinancialAdvice advice = advice("800");

        assertThat(send(advice).responseCode().code()).as("the terminal keeps its advice").isEqualTo("91");
        assertThat(relay.pendingAdvices()).singleElement().satisfies(p -> {
            assertThat(p.originalStan()).isEqualTo(advice.original().stan());
            assertThat(p.toString()).doesNotContain(advice.qrToken());
        });
        // The terminal repeats its 0220 until it has a decision: still one advice queued.
        assertThat(send(advice).responseCode().code()).isEqualTo("91");
        assertThat(relay.pendingAdvices()).hasSize(1);

        channelApi.stubFor(post(DEPOSITS).willReturn(decision("APPROVED", "654321")));
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.pendingAdvices().isEmpty());
        channelApi.verify(postRequestedFor(urlEqualTo(DEPOSITS))
                .withRequestBody(equalToJson(adviceBody(advice), true, true)));
        assertThat(send(advice).responseCode().code()).as("the next repeat gets the decision").isEqualTo("00");
    }

    @Test
    void doesNotAnswerAnAdviceItCannotStoreSoTheTerminalRepeatsIt() throws IOException {
        channelApi.stubFor(post(DEPOSITS).willReturn(decision("APPROVED", "123456")));
        Path advices = REVERSALS.resolve("advices");
        assertThat(relay.pendingAdvices()).isEmpty();
        Files.delete(advices);
        Files.writeString(advices, "not a directory");
        try {
            terminal.sendRaw(new IsoFraming().frame(Iso8583Codec.encode(advice("300"), KEY)));

            assertThat(terminal.closedByHub()).as("no 0230").isTrue();
            channelApi.verify(0, postRequestedFor(urlEqualTo(DEPOSITS)));
        } finally {
            Files.delete(advices);
            Files.createDirectories(advices);
        }
    }

    @Test
    void answers91WithoutStoringAnAdviceFromAConnectionThatHasNotSignedOn() throws IOException {
        channelApi.stubFor(post(DEPOSITS).willReturn(decision("APPROVED", "123456")));
        try (IsoTestClient other = new IsoTestClient(ISO_PORT, ITM, KEY)) {
            FinancialAdviceResponse answer = (FinancialAdviceResponse) other.exchange(advice("300"));

            assertThat(answer.responseCode().code()).isEqualTo("91");
        }
        assertThat(relay.pendingAdvices()).isEmpty();
        channelApi.verify(0, postRequestedFor(urlEqualTo(DEPOSITS)));
    }
}
