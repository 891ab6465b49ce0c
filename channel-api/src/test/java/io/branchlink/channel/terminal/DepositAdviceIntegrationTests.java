package io.branchlink.channel.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.branchlink.channel.cardless.internal.CardlessService;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deposit advices ({@code advice: true}, the hub's form of an ISO 0220): credited exactly once on the original 0200's
 * key, whatever arrived before; refused only for a token that cannot take the credit. The deposit invariant (no key
 * credited twice) runs after each test with the ledger's.
 */
class DepositAdviceIntegrationTests extends ChannelIntegrationTest {

    private static final AtomicInteger STANS = new AtomicInteger(500);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Autowired
    CardlessService cardless;

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

    private String stagedDeposit() {
        return stageDeposit(login(customer), customer, branch.id()).text("token");
    }

    private Api.Response deposit(int stan, String token, String amount, boolean advice) {
        return api.post(HubApiPaths.DEPOSITS, hub, json(new DepositRequest(token, branch.itm1(), stan, now,
                new BigDecimal(amount), "CNY", "R" + stan, advice)));
    }

    private static JsonNode json(Object body) {
        return JSON.valueToTree(body);
    }

    private long balance() {
        return bank.balance(customer.accountId());
    }

    @Nested
    class CreditsOnce {

        @Test
        void anAdviceAfterTheCreditedOriginalIsADuplicateWithoutASecondCredit() {
            String token = stagedDeposit();
            int stan = STANS.getAndIncrement();
            assertThat(deposit(stan, token, "1200", false).irc()).isEqualTo("APPROVED");

            Api.Response advice = deposit(stan, token, "1200", true);

            assertThat(advice.irc()).isEqualTo("APPROVED");
            assertThat(advice.body().path("replayed").asBoolean()).isTrue();
            assertThat(balance()).isEqualTo(6_200_00);
            assertThat(bank.balance(branch.cash1())).isEqualTo(100_000_00L + 1_200_00);
        }

        @Test
        void anAdviceTheOriginalNeverReachedCreditsAndItsRepeatDoesNot() {
            String token = stagedDeposit();
            int stan = STANS.getAndIncrement();

            Api.Response first = deposit(stan, token, "700", true);
            Api.Response repeat = deposit(stan, token, "700", true);

            assertThat(first.irc()).isEqualTo("APPROVED");
            assertThat(first.body().path("replayed").asBoolean()).isFalse();
            assertThat(repeat.irc()).isEqualTo("APPROVED");
            assertThat(repeat.body().path("replayed").asBoolean()).isTrue();
            assertThat(balance()).isEqualTo(5_700_00);
        }

        @Test
        void aLateOriginalAfterItsAdviceIsTheStoredAnswer() {
            String token = stagedDeposit();
            int stan = STANS.getAndIncrement();
            deposit(stan, token, "400", true);

            Api.Response original = deposit(stan, token, "400", false);

            assertThat(original.irc()).isEqualTo("APPROVED");
            assertThat(original.body().path("replayed").asBoolean()).isTrue();
            assertThat(balance()).isEqualTo(5_400_00);
        }

        @Test
        void anAdviceForADeclinedOriginalDecidesTheKeyAgainAndCredits() {
            String token = stagedDeposit();
            int stan = STANS.getAndIncrement();
            // Above the deposit maximum: the 0200 is declined, but its 0210 never came and the notes were kept.
            assertThat(deposit(stan, token, "60000", false).irc()).isEqualTo("INVALID_AMOUNT");

            assertThat(deposit(stan, token, "60000", true).irc()).isEqualTo("APPROVED");
            assertThat(deposit(stan, token, "60000", true).body().path("replayed").asBoolean()).isTrue();
            assertThat(balance()).isEqualTo(5_000_00 + 60_000_00);
        }

        @Test
        void anAdviceCreditsATokenTheSweeperExpiredMeanwhile() {
            String token = stagedDeposit();
            clock.advance(Duration.ofHours(1));
            assertThat(cardless.expireDue()).isPositive();

            assertThat(deposit(STANS.getAndIncrement(), token, "300", true).irc()).isEqualTo("APPROVED");
            assertThat(balance()).isEqualTo(5_300_00);
        }
    }

    @Nested
    class Refuses {

        @Test
        void anAdviceForACancelledTokenWithoutCredit() {
            String session = login(customer);
            Api.Response staged = stageDeposit(session, customer, branch.id());
            api.delete("/api/v1/cardless/tokens/" + staged.text("tokenId"), session);

            assertThat(deposit(STANS.getAndIncrement(), staged.text("token"), "500", true).irc())
                    .isEqualTo("DO_NOT_HONOUR");
            assertThat(balance()).isEqualTo(5_000_00);
        }

        @Test
        void anAdviceForATokenTheBankNeverIssued() {
            QrToken claims = new QrToken(1, TokenType.DEPOSIT, "K1",
                    HexFormat.of().parseHex("00112233445566778899aabbccddeeff"), now.plusSeconds(300), null,
                    branch.id());
            String forged = QrTokenCodec.encode(claims, Ed25519Keys.generate().getPrivate());

            assertThat(deposit(STANS.getAndIncrement(), forged, "500", true).irc()).isEqualTo("TOKEN_INVALID");
            assertThat(balance()).isEqualTo(5_000_00);
        }

        @Test
        void anAdviceForATokenAnotherDepositUsed() {
            String token = stagedDeposit();
            assertThat(deposit(STANS.getAndIncrement(), token, "200", false).irc()).isEqualTo("APPROVED");

            assertThat(deposit(STANS.getAndIncrement(), token, "900", true).irc()).isEqualTo("DUPLICATE");
            assertThat(balance()).isEqualTo(5_200_00);
        }
    }
}
