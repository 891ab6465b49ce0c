package io.branchlink.agent.deposit;

import io.branchlink.agent.transaction.BeginTransaction;
import io.branchlink.agent.transaction.EndTransaction;
import io.branchlink.agent.transaction.PrintReceipt;
import io.branchlink.agent.transaction.RecordException;
import io.branchlink.agent.transaction.SendAdvice;
import io.branchlink.agent.transaction.SendReversal;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.TransactionKind;
import java.util.List;

/**
 * The deposit flow: start cash-in, count the notes into escrow, have the customer confirm, authorize with the hub,
 * store. Notes go back to the customer when the deposit does not go ahead; an unanswered 0200 is also reversed.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
public final class Deposit {

    private final BeginTransaction begin;
    private final List<Step<DepositContext>> steps;

    public Deposit(TransactionServices services) {
        this.begin = new BeginTransaction(services);
        EndTransaction end = new EndTransaction(services);
        RecordException exception = new RecordException(services, end);
        ReturnNotes returnNotes = new ReturnNotes(services, end, new SendReversal(services, end), exception,
                new SendAdvice(services, end));
        this.steps = List.of(
                new StartCashIn(services),
                new CountNotes(services, begin),
                new ConfirmAmount(services, returnNotes),
                new AuthorizeDeposit(services, returnNotes),
                new StoreNotes(services, end, exception, new PrintReceipt(services)));
    }

    /** Serves a customer whose QR code is a deposit token. */
    public TransactionEnd run(String token) {
        return Step.runUntilEnded(new DepositContext(begin.begin(TransactionKind.DEPOSIT), token), steps);
    }
}
