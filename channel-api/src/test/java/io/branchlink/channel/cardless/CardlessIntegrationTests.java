package io.branchlink.channel.cardless;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.cardless.internal.CardlessService;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrImages;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CardlessIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    TokenKeys keys;

    @Autowired
    CardlessService cardless;

    @Autowired
    CardlessTokens tokens;

    @Nested
    class StagingAWithdrawal {

        @Test
        void holdsTheAmountAndReturnsASignedTokenForIt() {
            TestBank.Branch branch = bank.branch();
            TestBank.Customer customer = bank.customer(2_000_00);

            Api.Response staged = stageWithdrawal(login(customer), customer, "500", branch.id());

            assertThat(staged.status()).isEqualTo(201);
            assertThat(staged.headers().getCacheControl()).contains("no-store");
            assertThat(bank.balance(customer.accountId())).isEqualTo(2_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(1_500_00);
            TokenVerification verification = keys.verifier().verify(staged.text("token"), TokenType.WITHDRAWAL,
                    branch.id());
            assertThat(verification).isInstanceOfSatisfying(TokenVerification.Valid.class, valid -> {
                assertThat(valid.token().amount()).isEqualTo(Money.parse("500", "CNY"));
                assertThat(valid.token().branchId()).isEqualTo(branch.id());
                assertThat(valid.token().tokenIdHex()).isEqualTo(staged.text("tokenId"));
                assertThat(valid.token().expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(4)),
                        Instant.now().plus(Duration.ofMinutes(6)));
            });
        }

        @Test
        void anAppOnAnEmulatorIsRefusedAndNothingIsHeld() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);

            Api.Response refused = api.post("/api/v1/cardless/withdrawals", session, Map.of(
                    "accountId", customer.accountId(), "amount", new BigDecimal("500"), "currency", "CNY",
                    "rooted", false, "emulator", true));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("RISK_DECLINED");
            assertThat(refused.body().path("reasons").toString()).contains("emulator");
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
            assertThat(jdbc.sql("select count(*) from cardless_tokens where customer_id = ?")
                    .param(customer.id()).query(Integer.class).single()).isZero();
            assertThat(jdbc.sql("select inputs::text from risk_decisions where customer_id = ? and outcome = 'DENY'")
                    .param(customer.id()).query(String.class).single()).contains("\"emulator\": true");
        }

        @Test
        void aRootedPhoneWithoutAPasskeyCannotStageALargeAmount() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);

            Api.Response asked = api.post("/api/v1/cardless/withdrawals", session, Map.of(
                    "accountId", customer.accountId(), "amount", new BigDecimal("1000"), "currency", "CNY",
                    "rooted", true));

            // the rule takes only the biometric factor, and this phone has registered no passkey
            assertThat(asked.irc()).isEqualTo("RISK_DECLINED");
            assertThat(jdbc.sql("select factors from risk_decisions where customer_id = ? and outcome = 'STEP_UP'")
                    .param(customer.id()).query(String.class).single()).contains("BIOMETRIC").doesNotContain("SOFT_OTP");
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
        }

        @Test
        void servesTheTokenAsAQrPngThatDecodesToTheSameText() throws IOException {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);
            Api.Response staged = stageWithdrawal(session, customer, "300", null);

            Api.Response png = api.get(staged.text("qrPng") + "?size=400", session);

            assertThat(png.status()).isEqualTo(200);
            assertThat(png.headers().getContentType().toString()).isEqualTo("image/png");
            assertThat(QrImages.decode(ImageIO.read(new ByteArrayInputStream(png.bytes()))))
                    .contains(staged.text("token"));
        }

        @Test
        void servesTheTokenAsAnSvg() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);
            Api.Response staged = stageWithdrawal(session, customer, "300", null);

            Api.Response svg = api.get(staged.text("qrSvg"), session);

            assertThat(svg.status()).isEqualTo(200);
            assertThat(new String(svg.bytes())).startsWith("<svg").isEqualTo(QrImages.toSvg(staged.text("token")));
        }

        @Test
        void refusesAnAmountThatIsNotAWholeNumberOfNotes() {
            TestBank.Customer customer = bank.customer(2_000_00);

            Api.Response response = stageWithdrawal(login(customer), customer, "150", null);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.irc()).isEqualTo("INVALID_AMOUNT");
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
        }

        @Test
        void refusesMoreThanTheAvailableBalance() {
            TestBank.Customer customer = bank.customer(250_00);

            Api.Response response = stageWithdrawal(login(customer), customer, "300", null);

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.irc()).isEqualTo("NOT_SUFFICIENT_FUNDS");
        }

        @Test
        void refusesMoreThanThePerTransactionLimit() {
            TestBank.Customer customer = bank.customer(100_000_00);

            Api.Response response = stageWithdrawal(login(customer), customer, "5100", null);

            assertThat(response.irc()).isEqualTo("EXCEEDS_LIMIT");
        }

        @Test
        void refusesMoreThanTheDailyLimitAcrossTokens() {
            TestBank.Customer customer = bank.customer(100_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            for (int i = 0; i < 3; i++) {
                assertThat(stageWithdrawalConfirmed(session, customer, "5000", null, otp).status()).isEqualTo(201);
            }
            // a 4th withdrawal within the hour is stepped up by the default rule velocity-burst: the phone passes it
            Api.Response fourth = stageWithdrawal(session, customer, "5000", null);
            assertThat(fourth.irc()).isEqualTo("STEP_UP_REQUIRED");
            clock.advance(Duration.ofSeconds(30));
            String stepUp = passStepUpWithOtp(session, fourth, otp, 0);
            assertThat(stageWithdrawal(session, customer, "5000", null, stepUp).status()).isEqualTo(201);

            Api.Response fifth = stageWithdrawal(session, customer, "100", null);

            assertThat(fifth.irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(bank.available(customer.accountId())).isEqualTo(80_000_00);
        }

        @Test
        void aNewlyBoundPhoneGetsTheLowerCoolOffLimit() {
            TestBank.Customer customer = bank.customer(100_000_00, Instant.now().minus(Duration.ofHours(1)));
            String session = login(customer);

            assertThat(stageWithdrawal(session, customer, "2000", null).irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(stageWithdrawal(session, customer, "1000", null).status()).isEqualTo(201);
        }

        @Test
        void aNewlyBoundPhoneCannotStageOneCappedWithdrawalAfterAnother() {
            TestBank.Customer customer = bank.customer(100_000_00, Instant.now().minus(Duration.ofHours(1)));
            String session = login(customer);
            assertThat(stageWithdrawal(session, customer, "600", null).status()).isEqualTo(201);

            Api.Response second = stageWithdrawal(session, customer, "500", null);

            assertThat(second.status()).isEqualTo(422);
            assertThat(second.irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(second.text("detail")).contains("1000.00 CNY a day");
            assertThat(stageWithdrawal(session, customer, "400", null).status()).isEqualTo(201);
            assertThat(bank.available(customer.accountId())).isEqualTo(99_000_00);
        }

        @Test
        void aPhoneThatIsNotBoundMustBeBoundFirst() {
            TestBank.Customer customer = bank.customer(100_000_00, null);

            Api.Response response = stageWithdrawal(login(customer), customer, "100", null);

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.irc()).isEqualTo("STEP_UP_REQUIRED");
        }

        @Test
        void anOldSessionMustLogInAgainToStage() {
            TestBank.Customer customer = bank.customer(100_000_00);
            String session = login(customer);
            clock.advance(Duration.ofMinutes(11));

            assertThat(stageWithdrawal(session, customer, "100", null).irc()).isEqualTo("STEP_UP_REQUIRED");
        }

        @Test
        void refusesAnUnknownBranch() {
            TestBank.Customer customer = bank.customer(100_000_00);

            assertThat(stageWithdrawal(login(customer), customer, "100", "NOSUCH").status()).isEqualTo(404);
        }
    }

    @Nested
    class EndingAToken {

        @Test
        void cancellingReleasesTheHoldOnce() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);
            String tokenId = stageWithdrawal(session, customer, "500", null).text("tokenId");

            Api.Response cancelled = api.delete("/api/v1/cardless/tokens/" + tokenId, session);
            Api.Response again = api.delete("/api/v1/cardless/tokens/" + tokenId, session);

            assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
            assertThat(again.status()).isEqualTo(409);
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
            assertThat(api.get("/api/v1/cardless/tokens/" + tokenId + "/qr.png", session).status()).isEqualTo(409);
        }

        @Test
        void expiryReleasesTheHoldAfterTheClockSkew() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);
            String tokenId = stageWithdrawal(session, customer, "500", null).text("tokenId");

            clock.advance(Duration.ofMinutes(5).plusSeconds(10));
            cardless.expireDue();
            assertThat(bank.available(customer.accountId())).as("within the skew").isEqualTo(1_500_00);

            clock.advance(Duration.ofSeconds(30));
            cardless.expireDue();
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
            assertThat(tokens.lookup(tokenId).orElseThrow().status()).isEqualTo(TokenStatus.EXPIRED);
        }
    }

    @Test
    void stagesADepositTokenWithoutAHold() {
        TestBank.Branch branch = bank.branch();
        TestBank.Customer customer = bank.customer(0);

        Api.Response staged = stageDeposit(login(customer), customer, branch.id());

        assertThat(staged.status()).isEqualTo(201);
        assertThat(staged.text("type")).isEqualTo("DEPOSIT");
        assertThat(QrTokenCodec.parse(staged.text("token")).claims().amount()).isNull();
        assertThat(keys.verifier().verify(staged.text("token"), TokenType.DEPOSIT, branch.id()).isValid()).isTrue();
    }
}
