package io.branchlink.channel.itmsession;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.branchlink.channel.cardless.TokenKeys;
import io.branchlink.channel.cardless.internal.CardlessService;
import io.branchlink.channel.ledger.LedgerChecks;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.ItmSessionRequest;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ItmSessionIntegrationTests extends ChannelIntegrationTest {

    private static final AtomicInteger STANS = new AtomicInteger(500_000);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Autowired
    TokenKeys keys;

    @Autowired
    CardlessService cardless;

    TestBank.Branch branch;
    TestBank.Customer customer;
    String hub;
    String session;

    @BeforeEach
    void branchAndCustomer() {
        branch = bank.branch();
        customer = bank.customer(5_000_00);
        hub = Api.basic(branch.hubId(), branch.hubSecret());
        session = login(customer);
    }

    private Api.Response mint(String terminal) {
        return api.post(HubApiPaths.ITM_SESSIONS, hub, new ItmSessionRequest(terminal));
    }

    private String code(String terminal) {
        Api.Response minted = mint(terminal);
        assertThat(minted.status()).as(minted.body().toString()).isEqualTo(201);
        return minted.text("code");
    }

    private Api.Response claimWithdrawal(String phone, TestBank.Customer who, String code, String amount,
            String requestId) {
        return api.post("/api/v1/itm-sessions/claims", phone, Map.of("code", code, "kind", "WITHDRAWAL",
                "accountId", who.accountId(), "amount", new BigDecimal(amount), "currency", "CNY",
                "requestId", requestId));
    }

    private Api.Response claimDeposit(String code) {
        return api.post("/api/v1/itm-sessions/claims", session, Map.of("code", code, "kind", "DEPOSIT",
                "accountId", customer.accountId(), "requestId", requestId()));
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    private JsonNode feed(long after) {
        Api.Response feed = api.get(HubApiPaths.ITM_SESSION_FEED + "?after=" + after, hub);
        assertThat(feed.status()).isEqualTo(200);
        return feed.body();
    }

    private JsonNode onlyAuthorisation() {
        JsonNode events = feed(0).path("events");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private Api.Response withdraw(String terminal, String token, String amount) {
        int stan = STANS.getAndIncrement();
        return api.post(HubApiPaths.WITHDRAWALS, hub, JSON.valueToTree(new WithdrawalRequest(token, terminal, stan,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), new BigDecimal(amount), "CNY", "R" + stan)));
    }

    private Api.Response deposit(String terminal, String token, String amount) {
        int stan = STANS.getAndIncrement();
        return api.post(HubApiPaths.DEPOSITS, hub, JSON.valueToTree(new DepositRequest(token, terminal, stan,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), new BigDecimal(amount), "CNY", null, false)));
    }

    private Api.Response outcome(String phone, String sessionId) {
        return api.get("/api/v1/itm-sessions/" + sessionId, phone);
    }

    private int tokensOf(TestBank.Customer who) {
        return jdbc.sql("select count(*) from cardless_tokens where customer_id = ?").param(who.id())
                .query(Integer.class).single();
    }

    @Nested
    class Codes {

        @Test
        void aHubGetsASignedSessionCodeForItsOwnItm() {
            Api.Response minted = mint(branch.itm1());

            assertThat(minted.status()).isEqualTo(201);
            assertThat(minted.headers().getCacheControl()).contains("no-store");
            TokenVerification verified = keys.verifier().verify(minted.text("code"), TokenType.ITM_SESSION,
                    branch.id());
            assertThat(verified).isInstanceOfSatisfying(TokenVerification.Valid.class, valid -> {
                assertThat(valid.token().tokenIdHex()).isEqualTo(minted.text("sessionId"));
                assertThat(valid.token().amount()).isNull();
                assertThat(valid.token().expiresAt()).isBetween(clock.instant().plusSeconds(110),
                        clock.instant().plusSeconds(121));
            });
            assertThat(jdbc.sql("select terminal_id from itm_sessions where session_id = ?")
                    .param(minted.text("sessionId")).query(String.class).single()).isEqualTo(branch.itm1());
        }

        @Test
        void aHubGetsNoCodeForAnotherBranchsItmOrForATellerTerminal() {
            TestBank.Branch other = bank.branch();

            assertThat(mint(other.itm1()).status()).isEqualTo(404);
            assertThat(mint(branch.teller()).status()).isEqualTo(404);
            assertThat(mint("bad id!").status()).isEqualTo(400);
        }

        @Test
        void aCodeIsNotACashToken() {
            Api.Response refused = withdraw(branch.itm1(), code(branch.itm1()), "100");

            assertThat(refused.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L);
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void theClaimHoldsTheAmountAndTheItmThatShowedTheCodeDispensesIt() {
            String code = code(branch.itm1());

            Api.Response claimed = claimWithdrawal(session, customer, code, "800", requestId());

            assertThat(claimed.status()).as(claimed.body().toString()).isEqualTo(201);
            assertThat(claimed.text("state")).isEqualTo("WAITING_FOR_ITM");
            assertThat(claimed.text("terminalId")).isEqualTo(branch.itm1());
            assertThat(bank.available(customer.accountId())).isEqualTo(4_200_00);
            JsonNode authorisation = onlyAuthorisation();
            assertThat(authorisation.path("sessionId").asText()).isEqualTo(claimed.text("sessionId"));
            assertThat(authorisation.path("terminalId").asText()).isEqualTo(branch.itm1());
            assertThat(authorisation.path("kind").asText()).isEqualTo("WITHDRAWAL");
            assertThat(authorisation.path("amount").decimalValue()).isEqualByComparingTo("800");

            Api.Response decision = withdraw(branch.itm1(), authorisation.path("token").asText(), "800");

            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(4_200_00);
            assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L - 800_00);
            Api.Response done = outcome(session, claimed.text("sessionId"));
            assertThat(done.text("state")).isEqualTo("DISPENSED");
            assertThat(done.body().path("completedAmount").decimalValue()).isEqualByComparingTo("800");
            assertThat(feed(0).path("events")).isEmpty();
        }

        @Test
        void theSameRequestIdAnswersTheFirstClaimAndHoldsOnce() {
            String code = code(branch.itm1());
            String requestId = requestId();
            Api.Response first = claimWithdrawal(session, customer, code, "500", requestId);

            Api.Response again = claimWithdrawal(session, customer, code, "500", requestId);
            Api.Response changed = claimWithdrawal(session, customer, code, "600", requestId);

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.text("sessionId")).isEqualTo(first.text("sessionId"));
            assertThat(changed.status()).isEqualTo(409);
            assertThat(changed.irc()).isEqualTo("CONFLICT");
            assertThat(tokensOf(customer)).isEqualTo(1);
            assertThat(bank.available(customer.accountId())).isEqualTo(4_500_00);
        }

        @Test
        void twoClaimsAtOnceWithOneRequestIdMakeOneClaimAndTheOtherIsAConflict() {
            String atItm1 = code(branch.itm1());
            String atItm2 = code(branch.itm2());
            String requestId = requestId();
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> claims = List.of(
                    CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return claimWithdrawal(session, customer, atItm1, "500", requestId);
                    }),
                    CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return claimWithdrawal(session, customer, atItm2, "500", requestId);
                    }));
            start.countDown();

            List<Integer> statuses = claims.stream().map(CompletableFuture::join).map(Api.Response::status).toList();

            assertThat(statuses).as("never a 500 from the unique requestId").containsExactlyInAnyOrder(201, 409);
            assertThat(tokensOf(customer)).isEqualTo(1);
            assertThat(bank.available(customer.accountId())).isEqualTo(4_500_00);
        }

        @Test
        void anAmountThatIsNotWholeNotesIsRefusedAndTheCodeStaysOpen() {
            String code = code(branch.itm1());

            Api.Response refused = claimWithdrawal(session, customer, code, "150", requestId());

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.irc()).isEqualTo("INVALID_AMOUNT");
            assertThat(bank.available(customer.accountId())).isEqualTo(5_000_00);
            assertThat(claimWithdrawal(session, customer, code, "100", requestId()).status()).isEqualTo(201);
        }

        @Test
        void theRiskEngineIsAskedAsForStagingAndADenialLeavesTheCodeOpen() {
            String code = code(branch.itm1());

            Api.Response refused = api.post("/api/v1/itm-sessions/claims", session, Map.of("code", code,
                    "kind", "WITHDRAWAL", "accountId", customer.accountId(), "amount", new BigDecimal("500"),
                    "requestId", requestId(), "emulator", true));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("RISK_DECLINED");
            assertThat(bank.available(customer.accountId())).isEqualTo(5_000_00);
            assertThat(tokensOf(customer)).isZero();
            assertThat(jdbc.sql("select status from itm_sessions where session_id = ?")
                    .param(sessionIdOf(code)).query(String.class).single()).isEqualTo("OPEN");
        }

        @Test
        void anotherCustomerCannotSeeTheSession() {
            Api.Response claimed = claimWithdrawal(session, customer, code(branch.itm1()), "300", requestId());
            TestBank.Customer stranger = bank.customer(1_000_00);

            assertThat(outcome(login(stranger), claimed.text("sessionId")).status()).isEqualTo(404);
            assertThat(outcome(session, claimed.text("sessionId")).status()).isEqualTo(200);
        }
    }

    @Nested
    class Deposit {

        @Test
        void theItmThatShowedTheCodeCreditsWhatItCounted() {
            Api.Response claimed = claimDeposit(code(branch.itm2()));
            assertThat(claimed.status()).as(claimed.body().toString()).isEqualTo(201);
            JsonNode authorisation = onlyAuthorisation();
            assertThat(authorisation.path("kind").asText()).isEqualTo("DEPOSIT");
            assertThat(authorisation.path("amount").isNull()).isTrue();

            Api.Response decision = deposit(branch.itm2(), authorisation.path("token").asText(), "700");

            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_700_00);
            Api.Response done = outcome(session, claimed.text("sessionId"));
            assertThat(done.text("state")).isEqualTo("CREDITED");
            assertThat(done.body().path("completedAmount").decimalValue()).isEqualByComparingTo("700");
        }

        @Test
        void aDepositClaimCarriesNoAmount() {
            Api.Response refused = api.post("/api/v1/itm-sessions/claims", session, Map.of("code",
                    code(branch.itm1()), "kind", "DEPOSIT", "accountId", customer.accountId(),
                    "amount", new BigDecimal("100"), "requestId", requestId()));

            assertThat(refused.status()).isEqualTo(400);
        }
    }

    @Nested
    class Failures {

        @Test
        void anExpiredCodeIsRefusedAndNothingIsHeld() {
            String code = code(branch.itm1());
            clock.advance(Duration.ofSeconds(121));

            Api.Response refused = claimWithdrawal(session, customer, code, "500", requestId());

            assertThat(refused.status()).isEqualTo(410);
            assertThat(refused.irc()).isEqualTo("TOKEN_EXPIRED");
            assertThat(bank.available(customer.accountId())).isEqualTo(5_000_00);
            assertThat(tokensOf(customer)).isZero();
            assertThat(feed(0).path("events")).isEmpty();
        }

        @Test
        void aForgedCodeIsRefused() {
            String code = code(branch.itm1());
            String forged = code.substring(0, code.length() - 2) + (code.endsWith("00") ? "11" : "00");

            Api.Response refused = claimWithdrawal(session, customer, forged, "500", requestId());

            assertThat(refused.status()).isIn(400, 401);
            assertThat(bank.available(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void ofTwoPhonesScanningTheSameCodeExactlyOneWins() throws Exception {
            String code = code(branch.itm1());
            TestBank.Customer other = bank.customer(5_000_00);
            String otherSession = login(other);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> claims = List.of(
                    CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return claimWithdrawal(session, customer, code, "500", requestId());
                    }),
                    CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return claimWithdrawal(otherSession, other, code, "500", requestId());
                    }));
            start.countDown();

            List<Integer> statuses = claims.stream().map(CompletableFuture::join).map(Api.Response::status).toList();

            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            assertThat(claims.stream().map(CompletableFuture::join).filter(r -> r.status() == 409)
                    .map(Api.Response::irc)).containsExactly("CONFLICT");
            assertThat(bank.available(customer.accountId()) + bank.available(other.accountId()))
                    .isEqualTo(9_500_00);
            assertThat(tokensOf(customer) + tokensOf(other)).isEqualTo(1);
            assertThat(feed(0).path("events")).hasSize(1);
        }

        @Test
        void aCodeShownAtOneItmIsRefusedAtAnother() {
            Api.Response claimed = claimWithdrawal(session, customer, code(branch.itm1()), "800", requestId());
            String token = onlyAuthorisation().path("token").asText();

            Api.Response elsewhere = withdraw(branch.itm2(), token, "800");

            assertThat(elsewhere.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(bank.balance(branch.cash2())).isEqualTo(100_000_00L);
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
            assertThat(outcome(session, claimed.text("sessionId")).text("state")).isEqualTo("DECLINED");
        }

        @Test
        void aDepositAuthorisedForOneItmIsRefusedAtAnother() {
            claimDeposit(code(branch.itm1()));
            String token = onlyAuthorisation().path("token").asText();

            Api.Response elsewhere = deposit(branch.itm2(), token, "700");

            assertThat(elsewhere.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void whenTheItmNeverCompletesTheTokenExpiresAndTheHoldIsReleased() {
            Api.Response claimed = claimWithdrawal(session, customer, code(branch.itm1()), "800", requestId());
            String token = onlyAuthorisation().path("token").asText();
            assertThat(bank.available(customer.accountId())).isEqualTo(4_200_00);
            clock.advance(Duration.ofSeconds(90 + 31));

            cardless.expireDue();

            assertThat(bank.available(customer.accountId())).isEqualTo(5_000_00);
            assertThat(outcome(session, claimed.text("sessionId")).text("state")).isEqualTo("EXPIRED");
            assertThat(feed(0).path("events")).isEmpty();
            Api.Response late = withdraw(branch.itm1(), token, "800");
            assertThat(late.irc()).isEqualTo("TOKEN_EXPIRED");
            assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L);
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void aHubThatRestartsFromTheStartOfTheFeedIsSentWhatIsStillPending() {
            Api.Response used = claimWithdrawal(session, customer, code(branch.itm1()), "300", requestId());
            withdraw(branch.itm1(), onlyAuthorisation().path("token").asText(), "300");
            Api.Response pending = claimWithdrawal(session, customer, code(branch.itm2()), "200", requestId());

            JsonNode afterRestart = feed(0);

            assertThat(afterRestart.path("events")).hasSize(1);
            assertThat(afterRestart.path("events").get(0).path("sessionId").asText())
                    .isEqualTo(pending.text("sessionId")).isNotEqualTo(used.text("sessionId"));
            long last = afterRestart.path("last").asLong();
            assertThat(feed(last).path("events")).isEmpty();
            Api.Response decision = withdraw(branch.itm2(),
                    afterRestart.path("events").get(0).path("token").asText(), "200");
            assertThat(decision.irc()).isEqualTo("APPROVED");
        }

        @Test
        void theInvariantsNoticeAClaimWhoseTokenDiffersFromIt(@Autowired LedgerChecks checks) {
            Api.Response claimed = claimWithdrawal(session, customer, code(branch.itm1()), "300", requestId());
            assertThat(checks.violations()).isEmpty();

            jdbc.sql("update itm_sessions set amount = amount + 10000 where session_id = ?")
                    .param(claimed.text("sessionId")).update();
            try {
                assertThat(checks.violations()).singleElement().asString()
                        .contains(claimed.text("sessionId").substring(0, 8)).contains("differs from its claim");
            } finally {
                jdbc.sql("update itm_sessions set amount = amount - 10000 where session_id = ?")
                        .param(claimed.text("sessionId")).update();
            }
        }

        @Test
        void aWaitingLongPollIsAnsweredWhenAClaimCommits() {
            String code = code(branch.itm1());
            long last = feed(0).path("last").asLong();
            CompletableFuture<Api.Response> poll = CompletableFuture.supplyAsync(() ->
                    api.get(HubApiPaths.ITM_SESSION_FEED + "?after=" + last + "&waitSeconds=20", hub));

            long claimedAt = System.nanoTime();
            claimWithdrawal(session, customer, code, "100", requestId());
            Api.Response answered = poll.join();
            long latencyMillis = (System.nanoTime() - claimedAt) / 1_000_000;

            assertThat(answered.body().path("events")).hasSize(1);
            assertThat(latencyMillis).isLessThan(5_000);
        }
    }

    private static String sessionIdOf(String code) {
        return io.branchlink.protocol.qr.QrTokenCodec.parse(code).claims().tokenIdHex();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
