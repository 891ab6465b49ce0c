package io.branchlink.channel.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.support.Api;
import io.branchlink.protocol.qr.QrTokenCodec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The risk engine asked at the ITM, with the default rules: a phone bound within the cool-off stops a redemption
 * above 1,000 ({@code ato-cooloff-cash-out}) with {@code RISK_DECLINED}, before any money moves.
 */
class TerminalRiskIntegrationTests extends TerminalRiskTestSupport {

    @Nested
    class AfterAPhoneWasBound {

        @Test
        void aRedemptionAbove1000IsDeclinedAndMovesNoMoney() {
            String token = stagedWithdrawal("1500");
            recordEvent("DEVICE_BINDING", "APP", "new-phone-" + customer.id());

            Api.Response decision = withdraw(nextStan(), token, "1500");

            assertThat(decision.status()).isEqualTo(200);
            assertThat(decision.irc()).isEqualTo("RISK_DECLINED");
            assertThat(decision.text("authCode")).isNull();
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
            assertThat(cash1()).isEqualTo(100_000_00L);
            assertThat(jdbc.sql("select count(*) from journal_entries where reference like ?")
                    .param(branch.itm1() + ":%").query(Integer.class).single()).isZero();
        }

        @Test
        void theTokenStaysActiveWithItsHoldAndTheCustomerMayCancelIt() {
            String session = login(customer);
            Api.Response staged = stageWithdrawal(session, customer, "1500", branch.id());
            String token = staged.text("token");
            recordEvent("DEVICE_BINDING", "APP", "new-phone-" + customer.id());

            withdraw(nextStan(), token, "1500");

            assertThat(tokenStatus(token)).isEqualTo("ACTIVE");
            assertThat(bank.available(customer.accountId())).isEqualTo(3_500_00);
            String tokenId = QrTokenCodec.parse(token).claims().tokenIdHex();
            assertThat(api.delete("/api/v1/cardless/tokens/" + tokenId, session).status()).isEqualTo(200);
            assertThat(tokenStatus(token)).isEqualTo("CANCELLED");
            assertThat(bank.available(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void aRepeatedRequestGetsTheSameDeclineWithoutASecondDecision() {
            String token = stagedWithdrawal("1500");
            recordEvent("DEVICE_BINDING", "APP", "new-phone-" + customer.id());
            int stan = nextStan();
            withdraw(stan, token, "1500");

            Api.Response repeated = withdraw(stan, token, "1500");

            assertThat(repeated.irc()).isEqualTo("RISK_DECLINED");
            assertThat(repeated.body().path("replayed").asBoolean()).isTrue();
            assertThat(decisions()).hasSize(1);
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
        }

        @Test
        void theDecisionIsStoredWithItsRuleAndTheTerminalsBranch() {
            String token = stagedWithdrawal("1500");
            recordEvent("DEVICE_BINDING", "APP", "new-phone-" + customer.id());

            withdraw(nextStan(), token, "1500");

            JsonNode decision = decisions().get(0);
            assertThat(decision.path("action").asText()).isEqualTo("REDEMPTION");
            assertThat(decision.path("outcome").asText()).isEqualTo("DENY");
            assertThat(decision.path("reasons").get(0).path("ruleId").asText()).isEqualTo("ato-cooloff-cash-out");
            assertThat(decision.path("inputs").path("channel").asText()).isEqualTo("ITM");
            assertThat(decision.path("inputs").path("branchId").asText()).isEqualTo(branch.id());
            assertThat(decision.path("inputs").path("deviceId").asText()).isEqualTo(customer.deviceId());
            assertThat(decision.path("inputs").path("accountId").asText())
                    .isEqualTo(customer.accountId().toString());
            assertThat(events("REDEMPTION")).isZero();
        }

        @Test
        void aRedemptionOf1000OrLessIsStillApproved() {
            String token = stagedWithdrawal("1000");
            recordEvent("DEVICE_BINDING", "APP", "new-phone-" + customer.id());

            Api.Response decision = withdraw(nextStan(), token, "1000");

            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(4_000_00);
        }
    }

    @Nested
    class WithoutRiskSignals {

        @Test
        void anApprovedRedemptionIsAskedAboutAndRecordedAsAnEvent() {
            String token = stagedWithdrawal("1500");

            Api.Response decision = withdraw(nextStan(), token, "1500");

            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(decisions()).extracting(d -> d.path("outcome").asText()).containsExactly("ALLOW");
            assertThat(events("REDEMPTION")).isEqualTo(1);
            assertThat(jdbc.sql("select amount_minor from risk_events where customer_id = ? and action = 'REDEMPTION'")
                    .param(customer.id()).query(Long.class).single()).isEqualTo(1_500_00);
        }

        @Test
        void anApprovedDepositIsAskedAboutAndRecordedAsAnEvent() {
            String token = stagedDeposit();

            Api.Response decision = deposit(nextStan(), token, "800", false);

            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(decisions()).extracting(d -> d.path("action").asText()).containsExactly("CARDLESS_DEPOSIT");
            assertThat(events("CARDLESS_DEPOSIT")).isEqualTo(1);
        }

        @Test
        void aTokenThatCannotBeUsedIsNotAskedAbout() {
            String token = stagedWithdrawal("500");
            withdraw(nextStan(), token, "500");

            Api.Response second = withdraw(nextStan(), token, "500");

            assertThat(second.irc()).isEqualTo("DUPLICATE");
            assertThat(decisions()).hasSize(1);
        }
    }
}
