package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.device.Screen;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.testsupport.FakeIsoHost.Reply;
import io.branchlink.testsupport.FakeIsoHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real agent with every simulated device against a fake ISO host: the customer's view and the money. */
class ItmAgentEndToEndTests {

    @TempDir
    Path dir;

    FakeIsoHost hub;
    ItmOnFakeHost itm;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeIsoHost(io.branchlink.protocol.iso8583.MacKey.fromHex(ItmOnFakeHost.KEY_HEX));
        itm = new ItmOnFakeHost(hub, dir).powerOn();
    }

    @AfterEach
    void stop() {
        itm.close();
        hub.close();
    }

    static Money cny(String amount) {
        return Money.parse(amount, "CNY");
    }

    @Nested
    class Withdrawal {

        @Test
        void approvedAndTaken() {
            itm.camera().present(Tokens.withdrawal("500.00"));
            TransactionOutcome outcome = itm.agent().runWithdrawal();
            assertThat(outcome.result()).isEqualTo(Result.COMPLETED);
            assertThat(outcome.delivered()).isEqualTo(cny("500"));
            assertThat(itm.screen().current().screenId()).isEqualTo("THANK_YOU");
            assertThat(itm.printer().printed()).singleElement()
                    .satisfies(r -> assertThat(String.join("\n", r.lines())).contains("500.00 CNY")
                            .doesNotContain("BL:"));
            assertThat(hub.financialRequests()).singleElement()
                    .satisfies(r -> assertThat(r.stan()).isEqualTo(outcome.stan()));
            assertThat(hub.reversalAdvices()).isEmpty();
            itm.assertDispenserMatchesHost();
        }

        @Test
        void jamPresentsWhatWasStackedAndReversesTheRest() {
            itm.dispenser().jamAfterNotes(2);
            itm.camera().present(Tokens.withdrawal("500.00"));
            TransactionOutcome outcome = itm.agent().runWithdrawal();
            assertThat(outcome.result()).isEqualTo(Result.REVERSED);
            assertThat(outcome.delivered()).isEqualTo(cny("200"));
            assertThat(hub.appliedReversals()).singleElement().satisfies(a -> {
                assertThat(a.dispensedAmount()).isEqualTo(cny("200"));
                assertThat(a.reversedAmount()).isEqualTo(cny("300"));
                assertThat(a.original().stan()).isEqualTo(outcome.stan());
            });
            assertThat(itm.screen().screenIds()).contains("TAKE_CASH", "PARTIAL_DISPENSE");
            itm.assertDispenserMatchesHost();
        }

        @Test
        void cashNotTakenIsRetractedAndFullyReversed() {
            itm.dispenser().customerDoesNotTake();
            itm.camera().present(Tokens.withdrawal("300.00"));
            TransactionOutcome outcome = itm.agent().runWithdrawal();
            assertThat(outcome.result()).isEqualTo(Result.REVERSED);
            assertThat(outcome.delivered()).isEqualTo(cny("0"));
            assertThat(itm.dispenser().retractBin().total()).isEqualTo(cny("300"));
            assertThat(hub.appliedReversals()).singleElement().satisfies(a -> assertThat(a.isFull()).isTrue());
            assertThat(itm.screen().current().screenId()).isEqualTo("CASH_RETRACTED");
            itm.assertDispenserMatchesHost();
        }

        @Test
        void lostApprovalIsReversedAndNothingIsDispensed() {
            hub.script(Reply.APPROVE_BUT_LOSE_ANSWER);
            itm.camera().present(Tokens.withdrawal("200.00"));
            TransactionOutcome outcome = itm.agent().runWithdrawal();
            assertThat(outcome.result()).isEqualTo(Result.REVERSED);
            assertThat(hub.appliedReversals()).singleElement().satisfies(a -> assertThat(a.isFull()).isTrue());
            assertThat(itm.dispenser().physicalCash()).isEqualTo(itm.initialCash);
            itm.assertDispenserMatchesHost();
        }

        @Test
        void declinedDispensesNothing() {
            hub.script(Reply.DECLINE_INSUFFICIENT_FUNDS);
            itm.camera().present(Tokens.withdrawal("200.00"));
            TransactionOutcome outcome = itm.agent().runWithdrawal();
            assertThat(outcome.result()).isEqualTo(Result.DECLINED);
            assertThat(outcome.irc()).isEqualTo(Irc.NOT_SUFFICIENT_FUNDS);
            assertThat(itm.screen().current().screenId()).isEqualTo("DECLINED");
            assertThat(hub.reversalAdvices()).isEmpty();
            itm.assertDispenserMatchesHost();
        }

        @Test
        void unreadableFrameSendsNothing() {
            itm.camera().presentNothing();
            TransactionOutcome outcome = itm.agent().runWithdrawal();
            assertThat(outcome.result()).isEqualTo(Result.REJECTED);
            assertThat(itm.screen().current().screenId()).isEqualTo("QR_UNREADABLE");
            assertThat(itm.screen().current().message()).contains("could not be read");
            assertThat(hub.financialRequests()).isEmpty();
        }

        @Test
        void aDepositCodeIsNotAWithdrawal() {
            itm.camera().present(Tokens.deposit());
            assertThat(itm.agent().runWithdrawal().screenId()).isEqualTo("QR_WRONG_SERVICE");
            assertThat(hub.financialRequests()).isEmpty();
        }

        @Test
        void manyWithdrawalsWithFaultsKeepTheMoneyInvariant() {
            String[] amounts = {"100.00", "250.00", "400.00", "50.00", "300.00", "150.00"};
            for (int i = 0; i < amounts.length; i++) {
                switch (i % 3) {
                    case 1 -> itm.dispenser().jamAfterNotes(1);
                    case 2 -> itm.dispenser().customerDoesNotTake();
                    default -> { }
                }
                itm.camera().present(Tokens.withdrawal(amounts[i]));
                assertThat(itm.agent().runWithdrawal().result()).isIn(Result.COMPLETED, Result.REVERSED);
            }
            assertThat(hub.appliedReversals()).hasSize(4);
            itm.assertDispenserMatchesHost();
        }
    }

    @Nested
    class Deposit {

        @Test
        void approvedDepositIsStoredAndCredited() {
            itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 3, 50, 1), 1);
            itm.camera().present(Tokens.deposit());
            TransactionOutcome outcome = itm.agent().runDeposit();
            assertThat(outcome.result()).isEqualTo(Result.COMPLETED);
            assertThat(outcome.delivered()).isEqualTo(cny("350"));
            assertThat(hub.financialRequests()).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(TransactionKind.DEPOSIT);
                assertThat(r.amount()).isEqualTo(cny("350"));
            });
            assertThat(itm.acceptor().storedTotal()).isEqualTo(cny("350"));
            assertThat(itm.acceptor().physicalCash()).isEqualTo(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY));
            assertThat(itm.screen().history()).extracting(Screen.View::screenId).contains("CONFIRM_DEPOSIT");
        }

        @Test
        void declinedDepositReturnsTheNotes() {
            hub.script(Reply.DECLINE_INSUFFICIENT_FUNDS);
            itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 2), 0);
            itm.camera().present(Tokens.deposit());
            TransactionOutcome outcome = itm.agent().runDeposit();
            assertThat(outcome.result()).isEqualTo(Result.DECLINED);
            assertThat(itm.acceptor().returnedToCustomers().total()).isEqualTo(cny("200"));
            assertThat(itm.acceptor().physicalCash()).isEqualTo(cny("0"));
            assertThat(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY)).isEqualTo(cny("0"));
        }

        @Test
        void unansweredDepositReturnsTheNotesAndReversesAnyCredit() {
            hub.script(Reply.APPROVE_BUT_LOSE_ANSWER);
            itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 2), 0);
            itm.camera().present(Tokens.deposit());
            TransactionOutcome outcome = itm.agent().runDeposit();
            assertThat(outcome.result()).isEqualTo(Result.REVERSED);
            assertThat(itm.acceptor().returnedToCustomers().total()).isEqualTo(cny("200"));
            assertThat(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY)).isEqualTo(cny("0"));
        }

        @Test
        void unansweredDepositWhoseNotesCannotBeReturnedIsAdvisedNotReversed() {
            hub.script(Reply.APPROVE_BUT_LOSE_ANSWER).ignoreAdvices(2);
            itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 2), 0).failNextRollback();
            itm.camera().present(Tokens.deposit());
            TransactionOutcome outcome = itm.agent().runDeposit();
            assertThat(outcome.result()).isIn(Result.COMPLETED, Result.ADVICE_PENDING);
            assertThat(itm.agent().awaitReversalSettled(outcome.txnId(), Duration.ofSeconds(10))).isTrue();
            assertThat(hub.reversalAdvices()).isEmpty();
            assertThat(hub.financialAdvices()).hasSizeGreaterThanOrEqualTo(3).extracting(a -> a.stan())
                    .containsOnly(hub.financialAdvices().get(0).stan());
            // The lost 0210's 0200 was credited: the advice is a duplicate, not a second credit.
            assertThat(hub.creditedAdvices()).isEmpty();
            assertThat(itm.acceptor().physicalCash()).isEqualTo(cny("200"))
                    .isEqualTo(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY));
        }

        @Test
        void aRefusedAdviceLeavesTheKeptNotesOnAnExceptionRecord() {
            hub.script(Reply.NO_ANSWER).answerAdvices(IsoResponseCode.DO_NOT_HONOUR);
            itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 2), 0).failNextRollback();
            itm.camera().present(Tokens.deposit());
            TransactionOutcome outcome = itm.agent().runDeposit();
            assertThat(itm.agent().awaitReversalSettled(outcome.txnId(), Duration.ofSeconds(10))).isTrue();
            assertThat(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY)).isEqualTo(cny("0"));
            assertThat(itm.agent().journal().records(outcome.txnId()))
                    .anySatisfy(r -> assertThat(r.responseCode()).isEqualTo("05"))
                    .anySatisfy(r -> {
                        assertThat(r.step()).isEqualTo(JournalStep.EXCEPTION_RECORDED);
                        assertThat(r.actualMoney()).isEqualTo(cny("200"));
                        assertThat(r.note()).contains("refused the deposit advice");
                    });
        }

        @Test
        void approvedDepositThatJamsOnStoreStaysCreditedWithAnExceptionRecord() {
            itm.acceptor().insert(NoteMix.ofMajor("CNY", 100, 2), 0).jamOnNextStore();
            itm.camera().present(Tokens.deposit());
            TransactionOutcome outcome = itm.agent().runDeposit();
            assertThat(outcome.result()).isEqualTo(Result.EXCEPTION);
            assertThat(hub.reversalAdvices()).isEmpty();
            assertThat(itm.acceptor().physicalCash()).isEqualTo(hub.net(TransactionKind.DEPOSIT, ItmOnFakeHost.CNY));
            assertThat(itm.agent().journal().records(outcome.txnId())).anySatisfy(r -> assertThat(r.note())
                    .contains("kept and credited"));
        }

        @Test
        void customerCancelReturnsTheNotesWithoutAsking() {
            itm.screen().answer(Screen.Confirmation.CANCELLED);
            itm.acceptor().insert(NoteMix.ofMajor("CNY", 50, 2), 0);
            itm.camera().present(Tokens.deposit());
            assertThat(itm.agent().runDeposit().result()).isEqualTo(Result.CANCELLED);
            assertThat(hub.financialRequests()).isEmpty();
            assertThat(itm.acceptor().returnedToCustomers().total()).isEqualTo(cny("100"));
        }
    }
}
