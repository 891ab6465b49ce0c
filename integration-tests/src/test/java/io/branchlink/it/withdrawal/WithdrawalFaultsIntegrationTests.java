package io.branchlink.it.withdrawal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.it.support.SharedBranch;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.sim.app.SimulatedApp;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What goes wrong between the notes and the ledger, end to end: every case ends with the customer charged for
 * exactly the cash they got, and each ITM's books equal to the cash inside it.
 */
class WithdrawalFaultsIntegrationTests extends EndToEndTest {

    private static final Money EIGHT_HUNDRED = Money.parse("800", "CNY");
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @AfterEach
    void healTheChannel() {
        SharedBranch.healChannel();
    }

    private SimulatedApp.Staged presentAt(Customer customer, io.branchlink.demo.Itm itm) {
        SimulatedApp.Staged staged = customer.app().stageWithdrawal(customer.accountId(), EIGHT_HUNDRED, "BR001");
        itm.camera().present(customer.app().qrShownOnScreen(staged));
        return staged;
    }

    @Test
    void aJammedDispenseIsReversedForWhatTheCustomerDidNotGet() {
        Customer customer = customer("3000");
        presentAt(customer, itm1());
        itm1().dispenser().jamAfterNotes(3);

        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.result()).isIn(Result.REVERSED, Result.REVERSAL_PENDING);
        assertThat(itm1().agent().awaitReversalSettled(outcome.txnId(), SETTLE)).isTrue();
        Money charged = outcome.delivered() == null ? Money.parse("0", "CNY") : outcome.delivered();
        await().atMost(SETTLE).untilAsserted(() -> assertThat(customer.balance())
                .isEqualTo(Money.parse("3000", "CNY").minus(charged)));
        assertThat(entries("CARDLESS_WITHDRAWAL_REVERSAL", itm1().terminalId(), outcome.stan())).isEqualTo(1);
    }

    @Test
    void cashNotTakenIsRetractedAndTheWholeAmountRestored() {
        Customer customer = customer("3000");
        presentAt(customer, itm1());
        itm1().dispenser().customerDoesNotTake();

        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.result()).isIn(Result.REVERSED, Result.REVERSAL_PENDING);
        assertThat(itm1().agent().awaitReversalSettled(outcome.txnId(), SETTLE)).isTrue();
        await().atMost(SETTLE).untilAsserted(() ->
                assertThat(customer.balance()).isEqualTo(Money.parse("3000", "CNY")));
        assertThat(itm1().dispenser().retractBin().total()).isNotEqualTo(Money.parse("0", "CNY"));
    }

    @Test
    void aLost0210IsReversedExactlyOnce() {
        Customer customer = customer("3000");
        presentAt(customer, itm2());
        SharedBranch.link().dropNextAnswer();

        TransactionOutcome outcome = itm2().agent().runWithdrawal();

        assertThat(outcome.result()).isIn(Result.REVERSED, Result.REVERSAL_PENDING);
        assertThat(itm2().agent().awaitReversalSettled(outcome.txnId(), SETTLE)).isTrue();
        await().atMost(SETTLE).untilAsserted(() ->
                assertThat(customer.balance()).isEqualTo(Money.parse("3000", "CNY")));
        assertThat(entries("CARDLESS_WITHDRAWAL", itm2().terminalId(), outcome.stan())).isEqualTo(1);
        assertThat(entries("CARDLESS_WITHDRAWAL_REVERSAL", itm2().terminalId(), outcome.stan())).isEqualTo(1);
    }

    @Test
    void anUnreachableChannelApiIsA91AndMovesNoMoney() {
        Customer customer = customer("3000");
        presentAt(customer, itm1());
        Money cashBefore = itm1().physicalCash();
        SharedBranch.channelProxy().stubFor(post(urlEqualTo("/api/hub/v1/withdrawals")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.result()).isEqualTo(Result.DECLINED);
        assertThat(outcome.irc()).isEqualTo(Irc.HOST_UNREACHABLE);
        assertThat(customer.balance()).isEqualTo(Money.parse("3000", "CNY"));
        assertThat(itm1().physicalCash()).isEqualTo(cashBefore);
    }

    @Test
    void aChannelApiAnswering5xxIsA91AndMovesNoMoney() {
        Customer customer = customer("3000");
        presentAt(customer, itm1());
        SharedBranch.channelProxy().stubFor(post(urlEqualTo("/api/hub/v1/withdrawals")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        TransactionOutcome outcome = itm1().agent().runWithdrawal();

        assertThat(outcome.irc()).isEqualTo(Irc.HOST_UNREACHABLE);
        assertThat(customer.balance()).isEqualTo(Money.parse("3000", "CNY"));
    }

    @Test
    void aReversalQueuedAtTheHubArrivesOnceAfterTheHubRestarts() {
        Customer customer = customer("3000");
        presentAt(customer, itm1());
        itm1().dispenser().customerDoesNotTake();
        SharedBranch.channelProxy().stubFor(post(urlEqualTo("/api/hub/v1/reversals")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        TransactionOutcome outcome = itm1().agent().runWithdrawal();
        assertThat(itm1().agent().awaitReversalSettled(outcome.txnId(), SETTLE)).as("the hub's 0430").isTrue();
        assertThat(customer.balance()).as("not yet reversed").isEqualTo(Money.parse("2200", "CNY"));

        branch.restartHub();
        SharedBranch.healChannel();

        await().atMost(SETTLE).untilAsserted(() ->
                assertThat(customer.balance()).isEqualTo(Money.parse("3000", "CNY")));
        assertThat(entries("CARDLESS_WITHDRAWAL_REVERSAL", itm1().terminalId(), outcome.stan())).isEqualTo(1);
        await().atMost(SETTLE).until(() -> itm1().agent().awaitHostReady(Duration.ofSeconds(1)));
    }
}
