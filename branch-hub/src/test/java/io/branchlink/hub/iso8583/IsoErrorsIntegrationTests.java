package io.branchlink.hub.iso8583;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastException;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.IsoTestClient;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.IsoMessage;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The ISO route's central error handling ({@code iso8583Errors}) over a real TCP connection: the gateway step is
 * replaced by one that fails as a cluster failure or a bug would, and the terminal must still get a MACed answer
 * with field 39 = 96 while channel-api hears nothing. The route listens on a port of its own, so this context does
 * not collide with the shared hub context's ISO server.
 */
@CamelSpringBootTest
@UseAdviceWith
@DirtiesContext
class IsoErrorsIntegrationTests extends HubIntegrationTest {

    private static final int PORT = freePort();
    private static final AtomicInteger STAN = new AtomicInteger(500);
    private static final AtomicInteger FAILURES = new AtomicInteger();
    private static boolean advised;

    @Autowired
    CamelContext camel;

    @BeforeEach
    void adviseOnceThenStart() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, IsoRoutes.ROUTE_ID, route -> {
                route.replaceFromWith(IsoRoutes.serverUri("127.0.0.1", PORT));
                route.weaveById("answer").replace().process(exchange -> {
                    if (FAILURES.getAndIncrement() % 2 == 0) {
                        throw new HazelcastException("simulated: no partition owner");
                    }
                    throw new IllegalStateException("simulated bug");
                });
            });
            advised = true;
        }
        camel.start();
        channelApi.stubFor(post(urlPathMatching("/api/hub/v1/.*")).willReturn(decision("APPROVED", "123456")));
    }

    @Test
    void answersAWithdrawalThatFailedWith96AndForwardsNothingToChannelApi() throws IOException {
        FinancialRequest request = withdrawal();
        try (IsoTestClient terminal = new IsoTestClient(PORT, ITM, KEY)) {

            IsoMessage answer = terminal.exchange(request);

            assertThat(answer).isInstanceOfSatisfying(FinancialResponse.class, response -> {
                assertThat(response.mti().code()).isEqualTo("0210");
                assertThat(response.responseCode().code()).isEqualTo("96");
                assertThat(response.stan()).isEqualTo(request.stan());
                assertThat(response.authorizationCode()).isNull();
            });
        }
        assertThat(channelApi.findAll(anyRequestedFor(urlPathMatching("/api/hub/v1/(withdrawals|deposits)"))))
                .isEmpty();
    }

    @Test
    void keepsTheConnectionAndAnswersEveryFailedMessage() throws IOException {
        try (IsoTestClient terminal = new IsoTestClient(PORT, ITM, KEY)) {
            NetworkRequest signOn = new NetworkRequest(NetworkCode.SIGN_ON, now(), STAN.getAndIncrement(), ITM,
                    BRANCH);

            IsoMessage first = terminal.exchange(signOn);
            IsoMessage second = terminal.exchange(withdrawal());

            assertThat(first).isInstanceOfSatisfying(NetworkResponse.class,
                    response -> assertThat(response.responseCode().code()).isEqualTo("96"));
            assertThat(second).isInstanceOfSatisfying(FinancialResponse.class,
                    response -> assertThat(response.responseCode().code()).isEqualTo("96"));
        }
        assertThat(FAILURES.get()).as("both kinds of failure were met").isGreaterThanOrEqualTo(2);
    }

    private static FinancialRequest withdrawal() {
        int stan = STAN.getAndIncrement();
        return new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse("500", "CNY"), now(), stan,
                LocalDateTime.now(ZoneOffset.UTC), String.format("%012d", stan), ITM, BRANCH,
                Tokens.withdrawal("500", BRANCH));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
