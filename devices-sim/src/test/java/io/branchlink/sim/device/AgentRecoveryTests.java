package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.testsupport.FakeIsoHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Power cuts at every journal step of a withdrawal and a deposit: the agent object is abandoned, a new one starts on
 * the same journal directory with the same (physical) devices, and the right reversal reaches the host exactly once.
 */
class AgentRecoveryTests {

    @TempDir
    Path dir;

    FakeIsoHost hub;
    ItmOnFakeHost itm;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeIsoHost(MacKey.fromHex(ItmOnFakeHost.KEY_HEX));
        itm = new ItmOnFakeHost(hub, dir);
    }

    @AfterEach
    void stop() {
        itm.close();
        hub.close();
    }

    /** Cuts the power right after the first record of {@code step} is on the disk. */
    static Consumer<JournalRecord> cutPowerAfter(JournalStep step) {
        AtomicBoolean armed = new AtomicBoolean(true);
        return record -> {
            if (record.step() == step && armed.compareAndSet(true, false)) {
                throw new SimulatedPowerLoss("after " + step);
            }
        };
    }


    static Money cny(String amount) {
        return Money.parse(amount, "CNY");
    }

    @ParameterizedTest(name = "power cut after {0}: reversal of {1} delivered")
    @CsvSource({
        "AUTH_REQUESTED,   0",
        "AUTH_APPROVED,    0",
        "INTENT_DISPENSE,  0",
        "DONE_DISPENSE,    0",
        "INTENT_PRESENT,   0",
        "DONE_PRESENT,     0",
        "CASH_NOT_TAKEN,   0",
        "INTENT_RETRACT,   0",
        "DONE_RETRACT,     0",
    })
    void withdrawalIsReversedExactlyOnce(JournalStep step, long deliveredMajor) {
        if (step == JournalStep.CASH_NOT_TAKEN || step == JournalStep.INTENT_RETRACT
                || step == JournalStep.DONE_RETRACT) {
            itm.dispenser().customerDoesNotTake();
        }
        itm.powerOn(cutPowerAfter(step));
        itm.camera().present(Tokens.withdrawal("500.00"));
        assertThatThrownBy(itm.agent()::runWithdrawal).isInstanceOf(SimulatedPowerLoss.class);
        String txnId = itm.agent().journal().unfinished().get(0);

        itm.agent().abandon();
        itm.powerOn();

        assertThat(itm.agent().awaitReversalSettled(txnId, Duration.ofSeconds(10))).isTrue();
        assertThat(hub.reversalAdvices()).singleElement().satisfies(a -> {
            assertThat(a.dispensedAmount()).isEqualTo(cny(Long.toString(deliveredMajor)));
            assertThat(a.originalAmount()).isEqualTo(cny("500"));
        });
        assertThat(itm.dispenser().counters().inStacker()).isEqualTo(cny("0"));
        assertThat(itm.dispenser().counters().atExit()).isEqualTo(cny("0"));
        itm.assertDispenserMatchesHost();

        itm.agent().abandon();
        itm.powerOn();
        assertThat(itm.agent().journal().unfinished()).isEmpty();
        assertThat(hub.reversalAdvices()).hasSize(1);
    }

    @Test
    void powerCutInTheMiddleOfADispenseReversesFully() {
        itm.dispenser().powerCutAfterNotes(3);
        itm.powerOn();
        itm.camera().present(Tokens.withdrawal("500.00"));
        assertThatThrownBy(itm.agent()::runWithdrawal).isInstanceOf(SimulatedPowerLoss.class);
        assertThat(itm.dispenser().stacker().total()).isEqualTo(cny("300"));
        String txnId = itm.agent().journal().unfinished().get(0);

        itm.agent().abandon();
        itm.powerOn();

        assertThat(itm.agent().awaitReversalSettled(txnId, Duration.ofSeconds(10))).isTrue();
        assertThat(hub.reversalAdvices()).singleElement().satisfies(a -> assertThat(a.isFull()).isTrue());
        assertThat(itm.dispenser().rejectBin().total()).isEqualTo(cny("300"));
        itm.assertDispenserMatchesHost();
    }

    @Test
    void cashTakenDuringThePowerCutIsNotReversed() {
        itm.powerOn(cutPowerAfter(JournalStep.DONE_PRESENT));
        itm.camera().present(Tokens.withdrawal("500.00"));
        assertThatThrownBy(itm.agent()::runWithdrawal).isInstanceOf(SimulatedPowerLoss.class);
        itm.dispenser().customerTakesCash();

        itm.agent().abandon();
        itm.powerOn();

        assertThat(itm.agent().journal().unfinished()).isEmpty();
        assertThat(hub.reversalAdvices()).isEmpty();
        itm.assertDispenserMatchesHost();
    }

    @Test
    void jammedDispenseWhoseReversalWasQueuedIsResentWithTheSameStan() {
        hub.ignoreReversals(Integer.MAX_VALUE);
        itm.dispenser().jamAfterNotes(2);
        itm.powerOn(cutPowerAfter(JournalStep.REVERSAL_QUEUED));
        itm.camera().present(Tokens.withdrawal("500.00"));
        assertThatThrownBy(itm.agent()::runWithdrawal).isInstanceOf(SimulatedPowerLoss.class);
        String txnId = itm.agent().journal().unfinished().get(0);
        JournalRecord queued = itm.agent().journal().pendingReversals().get(0);

        itm.agent().abandon();
        hub.ignoreReversals(1);
        itm.powerOn();

        assertThat(itm.agent().awaitReversalSettled(txnId, Duration.ofSeconds(10))).isTrue();
        assertThat(hub.reversalAdvices()).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(a -> assertThat(a.stan()).isEqualTo(queued.adviceStan()));
        assertThat(hub.appliedReversals()).singleElement()
                .satisfies(a -> assertThat(a.dispensedAmount()).isEqualTo(cny("200")));
        itm.assertDispenserMatchesHost();
    }

    @ParameterizedTest(name = "deposit power cut after {0}")
    @CsvSource({
        "CASH_COUNTED,   false, 0",
        "AUTH_REQUESTED, true,  0",
        "AUTH_APPROVED,  false, 300",
        "INTENT_STORE,   false, 300",
    })
    void depositIsCreditedIfKeptAndReturnedOtherwise(JournalStep step, boolean reversal, long keptMajor) {
        itm.powerOn(cutPowerAfter(step));
        itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 3), 0);
        itm.camera().present(Tokens.deposit());
        assertThatThrownBy(itm.agent()::runDeposit).isInstanceOf(SimulatedPowerLoss.class);
        String txnId = itm.agent().journal().unfinished().get(0);

        itm.agent().abandon();
        itm.powerOn();

        if (reversal) {
            assertThat(itm.agent().awaitReversalSettled(txnId, Duration.ofSeconds(10))).isTrue();
            assertThat(hub.reversalAdvices()).singleElement().satisfies(a -> assertThat(a.isFull()).isTrue());
        } else {
            await().atMost(Duration.ofSeconds(5)).until(() -> itm.agent().journal().unfinished().isEmpty());
            assertThat(hub.reversalAdvices()).isEmpty();
        }
        assertThat(itm.acceptor().physicalCash()).isEqualTo(cny(Long.toString(keptMajor)));
        assertThat(itm.acceptor().physicalCash()).isEqualTo(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY));
    }

    @ParameterizedTest(name = "deposit power cut after {0}, host approved={1}, escrow stuck")
    @CsvSource({
        "AUTH_REQUESTED, false",
        "AUTH_TIMED_OUT, true",
    })
    void unansweredNotesThatCannotBeReturnedAreAdvisedAndCreditedOnce(JournalStep step, boolean hostApproved) {
        hub.script(FakeIsoHost.Reply.APPROVE_BUT_LOSE_ANSWER);
        itm.powerOn(cutPowerAfter(step));
        itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 3), 0);
        itm.camera().present(Tokens.deposit());
        assertThatThrownBy(itm.agent()::runDeposit).isInstanceOf(SimulatedPowerLoss.class);
        String txnId = itm.agent().journal().unfinished().get(0);

        itm.agent().abandon();
        itm.acceptor().failNextRollback();
        itm.powerOn();

        assertThat(itm.agent().awaitReversalSettled(txnId, Duration.ofSeconds(10))).isTrue();
        assertThat(hub.reversalAdvices()).isEmpty();
        assertThat(hub.financialAdvices()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.original().stan()).isEqualTo(itm.agent().journal().records(txnId).get(0).stan());
            assertThat(a.kept()).isEqualTo(cny("300"));
        });
        assertThat(hub.creditedAdvices()).hasSize(hostApproved ? 0 : 1);
        assertThat(itm.agent().journal().last(txnId)).get().extracting(JournalRecord::step)
                .isEqualTo(JournalStep.COMPLETED);
        assertThat(itm.acceptor().physicalCash()).isEqualTo(cny("300"))
                .isEqualTo(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY));
    }

    @Test
    void anAdviceQueuedBeforeThePowerCutIsRepeatedUnchangedAfterIt() {
        hub.script(FakeIsoHost.Reply.APPROVE_BUT_LOSE_ANSWER);
        hub.ignoreAdvices(Integer.MAX_VALUE);
        itm.powerOn(cutPowerAfter(JournalStep.ADVICE_QUEUED));
        itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 2), 0).failNextRollback();
        itm.camera().present(Tokens.deposit());
        assertThatThrownBy(itm.agent()::runDeposit).isInstanceOf(SimulatedPowerLoss.class);
        String txnId = itm.agent().journal().unfinished().get(0);
        JournalRecord queued = itm.agent().journal().last(txnId).orElseThrow();

        itm.agent().abandon();
        hub.ignoreAdvices(0);
        itm.powerOn();

        assertThat(itm.agent().awaitReversalSettled(txnId, Duration.ofSeconds(10))).isTrue();
        assertThat(hub.financialAdvices()).isNotEmpty()
                .allSatisfy(a -> assertThat(a.stan()).isEqualTo(queued.adviceStan()));
        assertThat(hub.creditedAdvices()).isEmpty();
        assertThat(itm.acceptor().physicalCash()).isEqualTo(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY));
    }
}
