package io.branchlink.agent.withdrawal;

import io.branchlink.agent.transaction.BeginTransaction;
import io.branchlink.agent.transaction.EndTransaction;
import io.branchlink.agent.transaction.PrintReceipt;
import io.branchlink.agent.transaction.RecordException;
import io.branchlink.agent.transaction.SendReversal;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.qr.QrToken;
import java.util.List;

/**
 * The withdrawal flow: check the amount, authorize with the hub, dispense, present, wait for the cash to be taken,
 * complete. Every step journals before the device acts; what goes wrong after the approval is reversed.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
public final class Withdrawal {

    private final BeginTransaction begin;
    private final List<Step<WithdrawalContext>> steps;

    public Withdrawal(TransactionServices services) {
        this.begin = new BeginTransaction(services);
        EndTransaction end = new EndTransaction(services);
        SendReversal reversal = new SendReversal(services, end);
        RetractCash retract = new RetractCash(services, reversal, new RecordException(services, end));
        this.steps = List.of(
                new CheckAmount(services),
                new AuthorizeWithdrawal(services, begin, new DeclineWithdrawal(services, end), reversal),
                new DispenseCash(services, reversal),
                new PresentCash(services, retract),
                new AwaitCashTaken(services, retract),
                new CompleteWithdrawal(services, end, reversal, new PrintReceipt(services)));
    }

    /** Serves a customer whose QR code is a withdrawal token for {@code claims.amount()}. */
    public TransactionEnd run(String token, QrToken claims) {
        WithdrawalContext withdrawal = new WithdrawalContext(begin.begin(TransactionKind.WITHDRAWAL), token,
                claims.amount());
        return Step.runUntilEnded(withdrawal, steps);
    }
}
