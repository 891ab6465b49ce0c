package io.branchlink.channel.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.ReversalRequest;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HubRedemptionIntegrationTests extends ChannelIntegrationTest {

    private static final AtomicInteger STANS = new AtomicInteger(1);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    TestBank.Branch branch;
    TestBank.Customer customer;
    String hub;
    Instant now;

    @BeforeEach
    void branchAndCustomer() {
        branch = bank.branch();
        customer = bank.customer(5_000_00);
        hub = Api.basic(branch.hubId(), branch.hubSecret());
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private String stagedWithdrawal(String amount) {
        return stageWithdrawal(login(customer), customer, amount, branch.id()).text("token");
    }

    private Api.Response withdraw(String terminal, int stan, String token, String amount) {
        return api.post(HubApiPaths.WITHDRAWALS, hub, json(new WithdrawalRequest(token, terminal, stan, now,
                new BigDecimal(amount), "CNY", "R" + stan)));
    }

    private Api.Response deposit(String terminal, int stan, String token, String amount, boolean advice) {
        return api.post(HubApiPaths.DEPOSITS, hub, json(new DepositRequest(token, terminal, stan, now,
                new BigDecimal(amount), "CNY", null, advice)));
    }

    private Api.Response reverse(String kind, String terminal, int stan, String completed) {
        return api.post(HubApiPaths.REVERSALS, hub, json(new ReversalRequest(kind, terminal, stan, now,
                new BigDecimal(completed), "CNY")));
    }

    /** A protocol record as the JSON a hub sends. */
    private static JsonNode json(Object body) {
        return JSON.valueToTree(body);
    }

    private long cash1() {
        return bank.balance(branch.cash1());
    }

    @Nested
    class Withdrawal {

        @Test
        void redeemingMovesTheHeldMoneyFromTheCustomerToTheItmsCash() {
            String token = stagedWithdrawal("800");
            int stan = STANS.getAndIncrement();

            Api.Response decision = withdraw(branch.itm1(), stan, token, "800");

            assertThat(decision.status()).isEqualTo(200);
            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(decision.text("authCode")).matches("\\d{6}");
            assertThat(bank.balance(customer.accountId())).isEqualTo(4_200_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(4_200_00);
            assertThat(cash1()).isEqualTo(100_000_00L - 800_00);
        }

        @Test
        void aRetryWithTheSameKeyGetsTheSameAnswerAndMovesNoMoreMoney() {
            String token = stagedWithdrawal("800");
            int stan = STANS.getAndIncrement();
            Api.Response first = withdraw(branch.itm1(), stan, token, "800");

            Api.Response retry = withdraw(branch.itm1(), stan, token, "800");

            assertThat(retry.irc()).isEqualTo("APPROVED");
            assertThat(retry.text("authCode")).isEqualTo(first.text("authCode"));
            assertThat(retry.body().path("replayed").asBoolean()).isTrue();
            assertThat(bank.balance(customer.accountId())).isEqualTo(4_200_00);
        }

        @Test
        void aUsedTokenIsADuplicateAtAnyOtherTerminal() {
            String token = stagedWithdrawal("800");
            withdraw(branch.itm1(), STANS.getAndIncrement(), token, "800");

            Api.Response second = withdraw(branch.itm2(), STANS.getAndIncrement(), token, "800");

            assertThat(second.irc()).isEqualTo("DUPLICATE");
            assertThat(bank.balance(branch.cash2())).isEqualTo(100_000_00L);
            assertThat(bank.balance(customer.accountId())).isEqualTo(4_200_00);
        }

        @Test
        void theSameTokenAtTwoItmsAtTheSameMomentIsApprovedExactlyOnce() throws Exception {
            String token = stagedWithdrawal("1000");
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Api.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String terminal = i % 2 == 0 ? branch.itm1() : branch.itm2();
                int stan = STANS.getAndIncrement();
                attempts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return withdraw(terminal, stan, token, "1000");
                }));
            }
            start.countDown();

            List<String> outcomes = attempts.stream().map(CompletableFuture::join).map(Api.Response::irc).toList();

            assertThat(outcomes).containsOnlyOnce("APPROVED").filteredOn(o -> !o.equals("APPROVED"))
                    .containsOnly("DUPLICATE");
            assertThat(bank.balance(customer.accountId())).isEqualTo(4_000_00);
            assertThat(cash1() + bank.balance(branch.cash2())).isEqualTo(200_000_00L - 1_000_00);
        }

        @Test
        void aForgedTokenIsRefusedAndMovesNoMoney() {
            QrToken claims = new QrToken(1, io.branchlink.protocol.qr.TokenType.WITHDRAWAL, "K1",
                    HexFormat.of().parseHex("00112233445566778899aabbccddeeff"), now.plusSeconds(300),
                    Money.parse("800", "CNY"), branch.id());
            String forged = QrTokenCodec.encode(claims, Ed25519Keys.generate().getPrivate());

            Api.Response decision = withdraw(branch.itm1(), STANS.getAndIncrement(), forged, "800");

            assertThat(decision.irc()).isEqualTo("TOKEN_INVALID");
            assertThat(cash1()).isEqualTo(100_000_00L);
        }

        @Test
        void aTamperedTokenIsRefused() {
            String token = stagedWithdrawal("800");
            char last = token.charAt(token.length() - 1);
            String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

            assertThat(withdraw(branch.itm1(), STANS.getAndIncrement(), tampered, "800").irc())
                    .isEqualTo("TOKEN_INVALID");
            assertThat(bank.available(customer.accountId())).isEqualTo(4_200_00);
        }

        @Test
        void anExpiredTokenIsRefusedAndItsHoldIsNotTaken() {
            String token = stagedWithdrawal("800");
            clock.advance(Duration.ofMinutes(6));

            assertThat(withdraw(branch.itm1(), STANS.getAndIncrement(), token, "800").irc())
                    .isEqualTo("TOKEN_EXPIRED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void aTokenForAnotherBranchIsRefused() {
            TestBank.Branch other = bank.branch();
            String token = stageWithdrawal(login(customer), customer, "800", other.id()).text("token");

            assertThat(withdraw(branch.itm1(), STANS.getAndIncrement(), token, "800").irc())
                    .isEqualTo("INVALID_TRANSACTION");
        }

        @Test
        void anAmountOtherThanTheStagedOneIsRefused() {
            String token = stagedWithdrawal("800");

            assertThat(withdraw(branch.itm1(), STANS.getAndIncrement(), token, "900").irc())
                    .isEqualTo("INVALID_AMOUNT");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void aCancelledTokenIsNotHonoured() {
            String session = login(customer);
            Api.Response staged = stageWithdrawal(session, customer, "800", branch.id());
            api.delete("/api/v1/cardless/tokens/" + staged.text("tokenId"), session);

            assertThat(withdraw(branch.itm1(), STANS.getAndIncrement(), staged.text("token"), "800").irc())
                    .isEqualTo("DO_NOT_HONOUR");
        }
    }

    @Nested
    class Reversal {

        @Test
        void aFullReversalRestoresTheCustomerExactlyOnce() {
            String token = stagedWithdrawal("800");
            int stan = STANS.getAndIncrement();
            withdraw(branch.itm1(), stan, token, "800");

            assertThat(reverse("WITHDRAWAL", branch.itm1(), stan, "0").irc()).isEqualTo("APPROVED");
            Api.Response again = reverse("WITHDRAWAL", branch.itm1(), stan, "0");

            assertThat(again.irc()).isEqualTo("APPROVED");
            assertThat(again.body().path("replayed").asBoolean()).isTrue();
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
            assertThat(cash1()).isEqualTo(100_000_00L);
        }

        @Test
        void aPartialReversalRestoresWhatWasNotDispensed() {
            String token = stagedWithdrawal("800");
            int stan = STANS.getAndIncrement();
            withdraw(branch.itm1(), stan, token, "800");

            reverse("WITHDRAWAL", branch.itm1(), stan, "500");

            assertThat(bank.balance(customer.accountId())).isEqualTo(4_500_00);
            assertThat(cash1()).isEqualTo(100_000_00L - 500_00);
        }

        @Test
        void aReversalBeforeItsOriginalMakesTheLateOriginalFail() {
            String token = stagedWithdrawal("800");
            int stan = STANS.getAndIncrement();

            assertThat(reverse("WITHDRAWAL", branch.itm1(), stan, "0").irc()).isEqualTo("APPROVED");
            Api.Response late = withdraw(branch.itm1(), stan, token, "800");

            assertThat(late.irc()).isEqualTo("DO_NOT_HONOUR");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
            assertThat(bank.available(customer.accountId())).as("the token still holds until it expires or is used")
                    .isEqualTo(4_200_00);
        }

        @Test
        void aReversalOfADeclineChangesNothing() {
            String token = stagedWithdrawal("800");
            int stan = STANS.getAndIncrement();
            withdraw(branch.itm1(), stan, token, "900");

            assertThat(reverse("WITHDRAWAL", branch.itm1(), stan, "0").irc()).isEqualTo("APPROVED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void refusesACompletedAmountLargerThanTheOriginal() {
            String token = stagedWithdrawal("800");
            int stan = STANS.getAndIncrement();
            withdraw(branch.itm1(), stan, token, "800");

            assertThat(reverse("WITHDRAWAL", branch.itm1(), stan, "900").irc()).isEqualTo("INVALID_AMOUNT");
            assertThat(bank.balance(customer.accountId())).isEqualTo(4_200_00);
        }
    }

    @Nested
    class Deposit {

        private String stagedDeposit() {
            return stageDeposit(login(customer), customer, branch.id()).text("token");
        }

        @Test
        void creditsTheCountedCashOnce() {
            String token = stagedDeposit();
            int stan = STANS.getAndIncrement();

            assertThat(deposit(branch.itm1(), stan, token, "1200", false).irc()).isEqualTo("APPROVED");
            assertThat(deposit(branch.itm1(), stan, token, "1200", false).body().path("replayed").asBoolean())
                    .isTrue();

            assertThat(bank.balance(customer.accountId())).isEqualTo(6_200_00);
            assertThat(cash1()).isEqualTo(100_000_00L + 1_200_00);
        }

        @Test
        void anAdviceIsCreditedEvenAfterTheTokenExpired() {
            String token = stagedDeposit();
            clock.advance(Duration.ofMinutes(10));

            assertThat(deposit(branch.itm1(), STANS.getAndIncrement(), token, "300", false).irc())
                    .isEqualTo("TOKEN_EXPIRED");
            assertThat(deposit(branch.itm1(), STANS.getAndIncrement(), token, "300", true).irc())
                    .isEqualTo("APPROVED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_300_00);
        }

        @Test
        void aWithdrawalTokenCannotDeposit() {
            String token = stagedWithdrawal("100");

            assertThat(deposit(branch.itm1(), STANS.getAndIncrement(), token, "100", false).irc())
                    .isEqualTo("INVALID_TRANSACTION");
        }

        @Test
        void aReversedDepositTakesTheCreditBack() {
            String token = stagedDeposit();
            int stan = STANS.getAndIncrement();
            deposit(branch.itm1(), stan, token, "1200", false);

            reverse("DEPOSIT", branch.itm1(), stan, "0");

            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
            assertThat(cash1()).isEqualTo(100_000_00L);
        }
    }

    @Nested
    class HubAuthentication {

        @Test
        void refusesAWrongSecret() {
            Api.Response response = api.get(HubApiPaths.TOKEN_KEYS, Api.basic(branch.hubId(), "wrong"));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.irc()).isEqualTo("UNAUTHENTICATED");
        }

        @Test
        void refusesATerminalOfAnotherBranch() {
            TestBank.Branch other = bank.branch();
            String token = stagedWithdrawal("800");

            Api.Response response = withdraw(other.itm1(), STANS.getAndIncrement(), token, "800");

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.irc()).isEqualTo("ACCESS_DENIED");
            assertThat(bank.available(customer.accountId())).isEqualTo(4_200_00);
        }

        @Test
        void publishesTheTokenPublicKeys() {
            Api.Response keys = api.get(HubApiPaths.TOKEN_KEYS, hub);

            assertThat(keys.status()).isEqualTo(200);
            assertThat(Ed25519Keys.publicKeyFromBase64(keys.text("K1")).getAlgorithm()).isIn("Ed25519", "EdDSA");
        }

        @Test
        void refusesAMalformedRequestWithFieldErrors() {
            Api.Response response = api.post(HubApiPaths.WITHDRAWALS, hub, Map.of("terminalId", "bad id",
                    "stan", 1_000_000));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body().path("fields").has("terminalId")).isTrue();
            assertThat(response.body().path("fields").has("stan")).isTrue();
            assertThat(response.body().path("fields").has("token")).isTrue();
        }
    }
}
