package io.branchlink.channel.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.TestRiskRules;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The risk engine asked at the ITM, on the rules of {@link TestRiskRules}: a STEP_UP declines a redemption as a DENY
 * does, since the ITM cannot ask for a second factor, but not a deposit; a flagged customer's deposit is declined
 * while the notes can still be given back, and an advice (the notes already kept) is credited.
 */
@TestPropertySource(properties = TestRiskRules.PROPERTY)
class TerminalRiskRulesIntegrationTests extends TerminalRiskTestSupport {

    @Nested
    class Redemption {

        @Test
        void aStepUpDeclinesItSinceTheItmCannotAskForASecondFactor() {
            customer = bank.customer(10_000_00);
            String token = stagedWithdrawal(TestRiskRules.STEP_UP_AMOUNT);

            Api.Response decision = withdraw(nextStan(), token, TestRiskRules.STEP_UP_AMOUNT);

            assertThat(decision.irc()).isEqualTo("RISK_DECLINED");
            assertThat(decisions().get(0).path("outcome").asText()).isEqualTo("STEP_UP");
            assertThat(tokenStatus(token)).isEqualTo("ACTIVE");
            assertThat(bank.balance(customer.accountId())).isEqualTo(10_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(10_000_00 - 4_400_00);
            assertThat(cash1()).isEqualTo(100_000_00L);
            assertThat(events("REDEMPTION")).isZero();
        }

        @Test
        void aFlaggedCustomersRedemptionIsDeclined() {
            String token = stagedWithdrawal("200");
            recordEvent("LOGIN", "WEB", null);

            assertThat(withdraw(nextStan(), token, "200").irc()).isEqualTo("RISK_DECLINED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
        }
    }

    @Nested
    class Deposit {

        @Test
        void aFlaggedCustomersDepositIsDeclinedAndNothingIsCredited() {
            String token = stagedDeposit();
            recordEvent("LOGIN", "WEB", null);
            int stan = nextStan();

            Api.Response decision = deposit(stan, token, "800", false);

            assertThat(decision.irc()).isEqualTo("RISK_DECLINED");
            assertThat(deposit(stan, token, "800", false).irc()).isEqualTo("RISK_DECLINED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00);
            assertThat(cash1()).isEqualTo(100_000_00L);
            assertThat(tokenStatus(token)).isEqualTo("ACTIVE");
            assertThat(decisions()).hasSize(1);
            assertThat(decisions().get(0).path("reasons").get(0).path("ruleId").asText())
                    .isEqualTo("test-flagged-customer");
            assertThat(events("CARDLESS_DEPOSIT")).isZero();
        }

        @Test
        void aStepUpDoesNotDeclineItSinceItOnlyPaysIntoTheTokensAccount() {
            String token = stagedDeposit();

            Api.Response decision = deposit(nextStan(), token, TestRiskRules.STEP_UP_AMOUNT, false);

            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(decisions().get(0).path("outcome").asText()).isEqualTo("STEP_UP");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_000_00 + 4_400_00);
            assertThat(events("CARDLESS_DEPOSIT")).isEqualTo(1);
        }

        @Test
        void anAdviceOfNotesAlreadyKeptIsCreditedWithoutAsking() {
            String token = stagedDeposit();
            recordEvent("LOGIN", "WEB", null);

            Api.Response decision = deposit(nextStan(), token, "800", true);

            assertThat(decision.irc()).isEqualTo("APPROVED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(5_800_00);
            assertThat(cash1()).isEqualTo(100_000_00L + 800_00);
            assertThat(decisions()).isEmpty();
            assertThat(events("CARDLESS_DEPOSIT")).isEqualTo(1);
        }
    }
}
