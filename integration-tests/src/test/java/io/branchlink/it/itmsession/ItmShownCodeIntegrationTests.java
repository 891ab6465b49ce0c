package io.branchlink.it.itmsession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.channel.cardless.internal.CardlessService;
import io.branchlink.demo.Branch;
import io.branchlink.demo.Itm;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.sim.app.AppException;
import io.branchlink.sim.app.SimulatedApp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Flow 4 of ARCHITECTURE.md through the real stack: the hub sends each ITM a session code, the ITM's screen draws
 * it, the phone reads the image and claims it, channel-api holds the money and feeds the branch, the hub sends the
 * ITM the authorisation over MQTT, and the ITM completes with ISO 8583. Each failure case ends with the money
 * invariants checked ({@link EndToEndTest}).
 */
class ItmShownCodeIntegrationTests extends EndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final Money FIVE_HUNDRED = Money.parse("500", "CNY");

    /** The customer presses "cardless" at the ITM and the phone reads the code from the ITM's screen. */
    private String scanAt(Itm itm, Customer customer) {
        await().atMost(SETTLE).until(() -> itm.agent().sessionCode().isPresent());
        assertThat(itm.agent().pressCardless()).isPresent();
        return customer.app().scanItmScreen(itm.screen().qrImage().orElseThrow()).orElseThrow();
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private TransactionOutcome served(Itm itm) {
        return itm.agent().serveClaimedSession(SETTLE).orElseThrow(() -> new AssertionError("no authorisation"));
    }

    private JdbcClient channelDb() {
        return branch.channelApiContext().getBean(JdbcClient.class);
    }

    /** The token's expiry passes and channel-api's sweeper runs: the hold is released. */
    private void expireToken(SimulatedApp.ItmSession session) {
        channelDb().sql("""
                update cardless_tokens set expires_at = now() - interval '5 minutes'
                 where token_id = (select token_id from itm_sessions where session_id = ?)""")
                .param(session.sessionId()).update();
        branch.channelApiContext().getBean(CardlessService.class).expireDue();
    }

    @Test
    void aWithdrawalClaimedFromTheItmsScreenIsDispensedThere() {
        Customer customer = customer("2000");
        Money cashBefore = itm1().physicalCash();
        String code = scanAt(itm1(), customer);

        long confirmed = System.nanoTime();
        SimulatedApp.ItmSession claimed = customer.app().claimItmWithdrawal(code, customer.accountId(),
                FIVE_HUNDRED, requestId());
        assertThat(claimed.state()).isEqualTo("WAITING_FOR_ITM");
        assertThat(claimed.terminalId()).isEqualTo(itm1().terminalId());
        assertThat(customer.available()).isEqualTo(Money.parse("1500", "CNY"));
        TransactionOutcome outcome = served(itm1());
        long presentedMillis = (System.nanoTime() - confirmed) / 1_000_000;

        assertThat(outcome.result()).isEqualTo(Result.COMPLETED);
        assertThat(outcome.delivered()).isEqualTo(FIVE_HUNDRED);
        assertThat(customer.balance()).isEqualTo(Money.parse("1500", "CNY"));
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore.minus(FIVE_HUNDRED));
        SimulatedApp.ItmSession done = customer.app().itmSession(claimed.sessionId());
        assertThat(done.state()).isEqualTo("DISPENSED");
        assertThat(done.completed()).isEqualTo(FIVE_HUNDRED);
        assertThat(presentedMillis).as("phone confirm to cash taken").isLessThan(10_000);
    }

    @Test
    void aDepositClaimedFromTheItmsScreenIsCountedAndCredited() {
        Customer customer = customer("100");
        Money cashBefore = itm2().physicalCash();
        String code = scanAt(itm2(), customer);
        SimulatedApp.ItmSession claimed = customer.app().claimItmDeposit(code, customer.accountId(), requestId());
        itm2().acceptor().insert(NoteMix.ofMajor("CNY", 100, 5, 50, 2), 1);

        TransactionOutcome outcome = served(itm2());

        assertThat(outcome.result()).isEqualTo(Result.COMPLETED);
        assertThat(outcome.delivered()).isEqualTo(Money.parse("600", "CNY"));
        assertThat(customer.balance()).isEqualTo(Money.parse("700", "CNY"));
        assertThat(itm2().physicalCash()).isEqualTo(cashBefore.plus(Money.parse("600", "CNY")));
        SimulatedApp.ItmSession done = customer.app().itmSession(claimed.sessionId());
        assertThat(done.state()).isEqualTo("CREDITED");
        assertThat(done.completed()).isEqualTo(Money.parse("600", "CNY"));
    }

    @Test
    void anExpiredCodeIsRefusedAndNothingIsHeld() {
        Customer customer = customer("2000");
        String code = hubCall("POST", HubApiPaths.ITM_SESSIONS, "{\"terminalId\":\"" + itm1().terminalId() + "\"}")
                .path("code").asText();
        // the code's two minutes pass
        channelDb().sql("update itm_sessions set expires_at = now() - interval '1 second' where session_id = ?")
                .param(QrTokenCodec.parse(code).claims().tokenIdHex()).update();

        assertThatThrownBy(() -> customer.app().claimItmWithdrawal(code, customer.accountId(), FIVE_HUNDRED,
                requestId())).isInstanceOfSatisfying(AppException.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.irc()).isEqualTo("TOKEN_EXPIRED");
                });
        assertThat(customer.available()).isEqualTo(Money.parse("2000", "CNY"));
        assertThat(itm1().agent().serveClaimedSession(Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void ofTwoPhonesScanningTheSameCodeOneWinsAndOnlyItsMoneyMoves() {
        Customer first = customer("2000");
        Customer second = customer("2000");
        String code = scanAt(itm1(), first);
        assertThat(second.app().scanItmScreen(itm1().screen().qrImage().orElseThrow())).contains(code);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Optional<AppException>>> claims = List.of(first, second).stream()
                .map(customer -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        customer.app().claimItmWithdrawal(code, customer.accountId(), FIVE_HUNDRED, requestId());
                        return Optional.<AppException>empty();
                    } catch (AppException e) {
                        return Optional.of(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }))
                .toList();
        start.countDown();

        List<Optional<AppException>> answers = claims.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(Optional::isEmpty).hasSize(1);
        assertThat(answers).filteredOn(Optional::isPresent).singleElement()
                .satisfies(refused -> assertThat(refused.orElseThrow().status()).isEqualTo(409));
        assertThat(served(itm1()).result()).isEqualTo(Result.COMPLETED);
        assertThat(first.balance().plus(second.balance())).isEqualTo(Money.parse("3500", "CNY"));
    }

    @Test
    void whenThePhoneConfirmsAfterTheItmGaveUpTheHoldIsReleasedAndNothingIsDispensed() {
        Customer customer = customer("2000");
        Money cashBefore = itm1().physicalCash();
        String code = scanAt(itm1(), customer);
        SimulatedApp.ItmSession claimed = customer.app().claimItmWithdrawal(code, customer.accountId(),
                FIVE_HUNDRED, requestId());
        expireToken(claimed);

        TransactionOutcome late = served(itm1());

        assertThat(late.result()).isEqualTo(Result.DECLINED);
        assertThat(late.irc()).isEqualTo(Irc.TOKEN_EXPIRED);
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore);
        assertThat(customer.available()).isEqualTo(Money.parse("2000", "CNY"));
        assertThat(customer.app().itmSession(claimed.sessionId()).state()).isIn("EXPIRED", "DECLINED");
    }

    @Test
    void whenTheItmGoesOfflineAfterTheAuthorisationTheTokenExpiresAndNoMoneyMoves() {
        Customer customer = customer("2000");
        Money cashBefore = itm2().physicalCash();
        String code = scanAt(itm2(), customer);
        itm2().powerCut();
        SimulatedApp.ItmSession claimed = customer.app().claimItmWithdrawal(code, customer.accountId(),
                FIVE_HUNDRED, requestId());
        assertThat(customer.available()).isEqualTo(Money.parse("1500", "CNY"));

        expireToken(claimed);

        assertThat(customer.available()).isEqualTo(Money.parse("2000", "CNY"));
        assertThat(customer.app().itmSession(claimed.sessionId()).state()).isEqualTo("EXPIRED");
        itm2().start();
        assertThat(itm2().agent().awaitHostReady(SETTLE)).isTrue();
        await().atMost(SETTLE).until(() -> itm2().agent().isMqttConnected());
        // the authorisation the broker kept for the ITM while it was off is refused now, and moves nothing
        itm2().agent().serveClaimedSession(Duration.ofSeconds(5)).ifPresent(outcome ->
                assertThat(outcome.result()).isIn(Result.DECLINED, Result.REJECTED));
        assertThat(itm2().physicalCash()).isEqualTo(cashBefore);
        assertThat(customer.balance()).isEqualTo(Money.parse("2000", "CNY"));
    }

    /**
     * The promise across a hub restart: the feed re-delivers the pending authorisation, the restarted hub holds it
     * until the ITM has reconnected to the new broker, and the ITM completes it once; never twice, never money without
     * cash.
     */
    @Test
    void anAuthorisationPendingWhenTheHubRestartsIsCompletedOnce() {
        Customer customer = customer("2000");
        Money cashBefore = itm1().physicalCash();
        String code = scanAt(itm1(), customer);
        SimulatedApp.ItmSession claimed = customer.app().claimItmWithdrawal(code, customer.accountId(),
                FIVE_HUNDRED, requestId());

        branch.restartHub();
        await().atMost(SETTLE).until(() -> itm1().agent().awaitHostReady(Duration.ofSeconds(1)));
        Optional<TransactionOutcome> outcome = itm1().agent().serveClaimedSession(SETTLE);

        assertThat(outcome).as("the authorisation reached the ITM after the restart").isPresent();
        assertThat(outcome.get().result()).isEqualTo(Result.COMPLETED);
        assertThat(itm1().agent().serveClaimedSession(Duration.ofSeconds(1))).as("sent again, served once")
                .isEmpty();
        assertThat(customer.balance()).isEqualTo(Money.parse("1500", "CNY"));
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore.minus(FIVE_HUNDRED));
        assertThat(customer.app().itmSession(claimed.sessionId()).state()).isEqualTo("DISPENSED");
    }

    @Test
    void theTokenOfACodeShownAtOneItmIsRefusedAtAnother() {
        Customer customer = customer("2000");
        Money cashBefore = itm2().physicalCash();
        String code = scanAt(itm1(), customer);
        SimulatedApp.ItmSession claimed = customer.app().claimItmWithdrawal(code, customer.accountId(),
                FIVE_HUNDRED, requestId());
        assertThat(itm2().agent().serveClaimedSession(Duration.ofMillis(500))).as("sent to ITM A only").isEmpty();
        itm2().camera().present(tokenOf(claimed));

        TransactionOutcome elsewhere = itm2().agent().runWithdrawal();

        assertThat(elsewhere.result()).isEqualTo(Result.DECLINED);
        assertThat(elsewhere.irc()).isEqualTo(Irc.INVALID_TRANSACTION);
        assertThat(itm2().physicalCash()).isEqualTo(cashBefore);
        assertThat(customer.balance()).isEqualTo(Money.parse("2000", "CNY"));
        assertThat(served(itm1()).result()).as("still good at ITM A").isEqualTo(Result.COMPLETED);
        assertThat(customer.balance()).isEqualTo(Money.parse("1500", "CNY"));
    }

    /** Calls channel-api's hub API with the branch hub's credentials, as the hub does. */
    private JsonNode hubCall(String method, String path, String body) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            branch.channelApiUrl().resolve(path))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (Branch.HUB_ID + ":" + Branch.HUB_SECRET).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
            return new ObjectMapper().readTree(answer.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The token of a claim as the branch's feed carries it, read with the hub's credentials. */
    private String tokenOf(SimulatedApp.ItmSession session) {
        for (JsonNode event : hubCall("GET", HubApiPaths.ITM_SESSION_FEED + "?after=0", null).path("events")) {
            if (event.path("sessionId").asText().equals(session.sessionId())) {
                return event.path("token").asText();
            }
        }
        throw new AssertionError("the claim is not in the feed");
    }
}
