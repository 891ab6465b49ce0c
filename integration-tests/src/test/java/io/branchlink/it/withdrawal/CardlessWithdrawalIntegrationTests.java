package io.branchlink.it.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.sim.app.AppException;
import io.branchlink.sim.app.SimulatedApp;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Flow 1 of ARCHITECTURE.md through the real stack: app, channel-api, QR, camera, agent, ISO 8583, hub, ledger. */
class CardlessWithdrawalIntegrationTests extends EndToEndTest {

    private static final Money FIVE_HUNDRED = Money.parse("500", "CNY");

    @Test
    void anApprovedWithdrawalDispensesAndDebitsOnce() {
        Customer customer = customer("2000");
        Money cashBefore = itm1().physicalCash();
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), FIVE_HUNDRED, "BR001");

        itm1().camera().present(customer.app().qrShownOnScreen(staged));
        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.result()).isEqualTo(Result.COMPLETED);
        assertThat(outcome.delivered()).isEqualTo(FIVE_HUNDRED);
        assertThat(customer.balance()).isEqualTo(Money.parse("1500", "CNY"));
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore.minus(FIVE_HUNDRED));
        assertThat(customer.app().tokenStatus(staged.tokenId())).isEqualTo("USED");
    }

    @Test
    void moreThanTheBalanceIsRefusedWhenStagedSoNoTokenReachesAnItm() {
        Customer customer = customer("300");

        assertThatThrownBy(() -> customer.app().stageWithdrawal(customer.accountId(), FIVE_HUNDRED, "BR001"))
                .isInstanceOfSatisfying(AppException.class,
                        e -> assertThat(e.irc()).isEqualTo("NOT_SUFFICIENT_FUNDS"));
        assertThat(customer.available()).isEqualTo(Money.parse("300", "CNY"));
    }

    @Test
    void anExpiredTokenIsDeclinedAndNothingIsDispensed() {
        Money cashBefore = itm1().physicalCash();
        itm1().camera().present(genuineToken(TokenType.WITHDRAWAL, FIVE_HUNDRED, Instant.now().minusSeconds(120)));

        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.result()).isEqualTo(Result.DECLINED);
        assertThat(outcome.irc()).isEqualTo(Irc.TOKEN_EXPIRED);
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore);
    }

    @Test
    void aForgedTokenIsDeclinedAndNothingIsDispensed() {
        Money cashBefore = itm1().physicalCash();
        itm1().camera().present(forgedToken(TokenType.WITHDRAWAL, FIVE_HUNDRED));

        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.result()).isEqualTo(Result.DECLINED);
        assertThat(outcome.irc().success()).isFalse();
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore);
    }

    @Test
    void aTamperedTokenIsDeclinedAndTheRealOneStillWorksOnce() {
        Customer customer = customer("2000");
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), FIVE_HUNDRED, "BR001");
        String token = customer.app().qrShownOnScreen(staged);
        char last = token.charAt(token.length() - 1);
        itm1().camera().present(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'));

        assertThat(itm1().agent().runWithdrawal().result()).as("refused at the ITM or by the hub")
                .isIn(Result.REJECTED, Result.DECLINED);
        assertThat(customer.balance()).isEqualTo(Money.parse("2000", "CNY"));

        itm1().camera().present(token);
        assertThat(itm1().agent().runWithdrawal().result()).isEqualTo(Result.COMPLETED);
        assertThat(customer.balance()).isEqualTo(Money.parse("1500", "CNY"));
    }

    @Test
    void theSameTokenAtTwoItmsAtTheSameMomentDispensesExactlyOnce() {
        Customer customer = customer("2000");
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), FIVE_HUNDRED, "BR001");
        String token = customer.app().qrShownOnScreen(staged);
        Money cashBefore = itm1().physicalCash().plus(itm2().physicalCash());
        itm1().camera().present(token);
        itm2().camera().present(token);
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<TransactionOutcome> first = CompletableFuture.supplyAsync(() -> {
            await(start);
            return itm1().agent().runWithdrawal();
        });
        CompletableFuture<TransactionOutcome> second = CompletableFuture.supplyAsync(() -> {
            await(start);
            return itm2().agent().runWithdrawal();
        });
        start.countDown();

        assertThat(java.util.List.of(first.join(), second.join())).extracting(TransactionOutcome::result)
                .containsExactlyInAnyOrder(Result.COMPLETED, Result.DECLINED);
        assertThat(java.util.List.of(first.join(), second.join())).filteredOn(o -> o.result() == Result.DECLINED)
                .extracting(TransactionOutcome::irc).containsExactly(Irc.DUPLICATE);
        assertThat(customer.balance()).isEqualTo(Money.parse("1500", "CNY"));
        assertThat(itm1().physicalCash().plus(itm2().physicalCash())).isEqualTo(cashBefore.minus(FIVE_HUNDRED));
    }

    @Test
    void anUnreadableCodeSendsNothing() {
        Money cashBefore = itm1().physicalCash();
        itm1().camera().presentNothing();

        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.result()).isEqualTo(Result.REJECTED);
        assertThat(outcome.txnId()).isNull();
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
