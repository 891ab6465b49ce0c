package io.branchlink.it.deposit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.demo.Itm;
import io.branchlink.hub.reversal.ReversalRelay;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.it.support.SharedBranch;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.sim.device.SimulatedPowerLoss;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deposit advices end to end, over real TCP ISO with MACs through the real hub to the real channel-api: notes an
 * ITM kept without seeing its 0210 are advised (0220) until the 0230 comes, and credited exactly once on the original
 * key; a token that cannot take the credit leaves the notes on the ITM's exception record. After each test the
 * money invariants run: books balance, no deposit key credited twice, and each ITM's cash equals its cash account
 * plus the notes it keeps on exception records.
 */
class DepositAdviceIntegrationTests extends EndToEndTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String DEPOSITS = "/api/hub/v1/deposits";

    @AfterEach
    void healTheWires() {
        SharedBranch.healChannel();
    }

    private SimulatedApp.Staged presentDeposit(Customer customer, Itm itm, int hundreds) {
        SimulatedApp.Staged staged = customer.app().stageDeposit(customer.accountId(), "BR001");
        itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, hundreds), 0);
        itm.camera().present(customer.app().qrShownOnScreen(staged));
        return staged;
    }

    private int credits(Itm itm, int stan) {
        return entries("CARDLESS_DEPOSIT", itm.terminalId(), stan);
    }

    private int advicesSeenByChannelApi(int stan) {
        return SharedBranch.channelProxy().findAll(postRequestedFor(urlEqualTo(DEPOSITS))
                .withRequestBody(matchingJsonPath("$.advice", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.stan", equalTo(Integer.toString(stan))))).size();
    }

    private static List<JournalStep> steps(Itm itm, String txnId) {
        return itm.agent().journal().records(txnId).stream().map(JournalRecord::step).toList();
    }

    /** Restarts the ITM's agent so that the power goes right after the first record of {@code step}. */
    private static void armPowerCut(Itm itm, JournalStep step) {
        itm.powerCut();
        AtomicBoolean armed = new AtomicBoolean(true);
        itm.start(Clock.systemUTC(), record -> {
            if (record.step() == step && armed.compareAndSet(true, false)) {
                throw new SimulatedPowerLoss("after " + step);
            }
        });
        assertThat(itm.agent().awaitHostReady(SETTLE)).isTrue();
    }

    private static void restoreThePower(Itm itm) {
        itm.powerCut();
        itm.start();
        assertThat(itm.agent().awaitHostReady(SETTLE)).isTrue();
    }

    @Test
    void aLost0210WithTheNotesKeptIsAdvisedAndCreditedOnce() {
        Customer customer = customer("100");
        presentDeposit(customer, itm2(), 4);
        itm2().acceptor().failNextRollback();
        SharedBranch.link().dropNextAnswer();

        TransactionOutcome outcome = itm2().agent().runDeposit();

        assertThat(itm2().agent().awaitReversalSettled(outcome.txnId(), SETTLE)).isTrue();
        assertThat(steps(itm2(), outcome.txnId())).contains(JournalStep.ADVICE_QUEUED, JournalStep.ADVICE_ACKNOWLEDGED)
                .doesNotContain(JournalStep.REVERSAL_QUEUED, JournalStep.EXCEPTION_RECORDED);
        assertThat(customer.balance()).isEqualTo(Money.parse("500", "CNY"));
        assertThat(credits(itm2(), outcome.stan())).isEqualTo(1);
        assertThat(entries("CARDLESS_DEPOSIT_REVERSAL", itm2().terminalId(), outcome.stan())).isZero();
        assertThat(itm2().acceptor().escrow().isEmpty()).as("the kept notes went to the cassette").isTrue();
    }

    @Test
    void aLost0230IsRepeatedAndTheRepeatedAdviceIsNoSecondCredit() {
        Customer customer = customer("100");
        presentDeposit(customer, itm2(), 3);
        itm2().acceptor().failNextRollback();
        SharedBranch.link().dropNextAnswer();
        SharedBranch.link().dropNextAnswer();

        TransactionOutcome outcome = itm2().agent().runDeposit();

        assertThat(itm2().agent().awaitReversalSettled(outcome.txnId(), SETTLE)).isTrue();
        assertThat(advicesSeenByChannelApi(outcome.stan())).as("the 0220 and its repeat").isGreaterThanOrEqualTo(2);
        assertThat(customer.balance()).isEqualTo(Money.parse("400", "CNY"));
        assertThat(credits(itm2(), outcome.stan())).isEqualTo(1);
    }

    @Test
    void aPowerCutBeforeThe0200LeftTheNotesKeptIsAdvisedAfterRecoveryAndCreditedOnce() {
        Customer customer = customer("100");
        armPowerCut(itm2(), JournalStep.AUTH_REQUESTED);
        presentDeposit(customer, itm2(), 2);
        assertThatThrownBy(() -> itm2().agent().runDeposit()).isInstanceOf(SimulatedPowerLoss.class);
        String txnId = itm2().agent().journal().unfinished().get(0);
        int stan = itm2().agent().journal().records(txnId).get(0).stan();
        itm2().acceptor().failNextRollback();

        restoreThePower(itm2());

        assertThat(itm2().agent().awaitReversalSettled(txnId, SETTLE)).isTrue();
        assertThat(steps(itm2(), txnId)).contains(JournalStep.RETURN_FAILED, JournalStep.ADVICE_QUEUED,
                JournalStep.ADVICE_ACKNOWLEDGED, JournalStep.COMPLETED);
        assertThat(customer.balance()).isEqualTo(Money.parse("300", "CNY"));
        assertThat(credits(itm2(), stan)).isEqualTo(1);
    }

    @Test
    void anAdvicePendingAtTheHubIsForwardedAfterTheHubRestarts() {
        Customer customer = customer("100");
        armPowerCut(itm1(), JournalStep.AUTH_REQUESTED);
        presentDeposit(customer, itm1(), 5);
        assertThatThrownBy(() -> itm1().agent().runDeposit()).isInstanceOf(SimulatedPowerLoss.class);
        String txnId = itm1().agent().journal().unfinished().get(0);
        int stan = itm1().agent().journal().records(txnId).get(0).stan();
        itm1().acceptor().failNextRollback();
        SharedBranch.channelProxy().stubFor(post(urlEqualTo(DEPOSITS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.advice", equalTo("true")))
                .willReturn(aResponse().withStatus(503)));

        restoreThePower(itm1());
        ReversalRelay relay = branch.hubContext().getBean(ReversalRelay.class);
        await().atMost(SETTLE).until(() -> relay.pendingAdvices().size() == 1);
        assertThat(itm1().agent().awaitReversalSettled(txnId, Duration.ofSeconds(1)))
                .as("the hub answered 91: the ITM keeps its advice until channel-api decides").isFalse();
        assertThat(customer.balance()).as("not yet credited").isEqualTo(Money.parse("100", "CNY"));

        branch.restartHub();
        SharedBranch.healChannel();

        await().atMost(SETTLE).untilAsserted(() ->
                assertThat(customer.balance()).isEqualTo(Money.parse("600", "CNY")));
        assertThat(itm1().agent().awaitReversalSettled(txnId, SETTLE)).as("the ITM has the decision").isTrue();
        assertThat(credits(itm1(), stan)).isEqualTo(1);
        await().atMost(SETTLE).until(() -> itm1().agent().awaitHostReady(Duration.ofSeconds(1)));
    }

    @Test
    void anAdviceForACancelledTokenIsRefusedAndTheNotesStayOnAnExceptionRecord() {
        Customer customer = customer("100");
        SimulatedApp.Staged staged = presentDeposit(customer, itm2(), 2);
        customer.app().cancel(staged.tokenId());
        itm2().acceptor().failNextRollback();
        SharedBranch.link().dropNextAnswer();

        TransactionOutcome outcome = itm2().agent().runDeposit();

        assertThat(itm2().agent().awaitReversalSettled(outcome.txnId(), SETTLE)).isTrue();
        assertThat(itm2().agent().journal().records(outcome.txnId()))
                .anySatisfy(r -> {
                    assertThat(r.step()).isEqualTo(JournalStep.ADVICE_ACKNOWLEDGED);
                    assertThat(r.responseCode()).isEqualTo("05");
                })
                .anySatisfy(r -> {
                    assertThat(r.step()).isEqualTo(JournalStep.EXCEPTION_RECORDED);
                    assertThat(r.actualMoney()).isEqualTo(Money.parse("200", "CNY"));
                });
        assertThat(customer.balance()).isEqualTo(Money.parse("100", "CNY"));
        assertThat(credits(itm2(), outcome.stan())).isZero();
        assertThat(itm2().agent().journal().keptWithoutCredit(Money.parse("1", "CNY").currency()).minorUnits())
                .isGreaterThanOrEqualTo(200_00);
    }
}
