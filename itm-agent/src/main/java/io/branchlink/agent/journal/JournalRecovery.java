package io.branchlink.agent.journal;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.session.Session;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.session.SessionState;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the journal when the agent starts: for every unfinished transaction it reads the last record and, where
 * the last step was an intent without an outcome, the device counters, then completes it, queues the one reversal
 * the host needs, queues the 0220 for deposit notes kept without an answer, or records an exception for branch
 * reconciliation (docs/itm-agent.md, "Recovery"). The rule per kind and last step is the table in
 * {@link RecoveryRules}; the endings are the live flows' {@link TransactionEndings}. Running it twice gives the same
 * result: each action is journaled before the next is decided.
 */
public final class JournalRecovery {

    /** What recovery did with one transaction. */
    public enum Action {
        /** The transaction had ended as far as the host is concerned; it is now marked complete. */
        COMPLETED,
        /** A new 0420 was queued. */
        REVERSAL_QUEUED,
        /** An 0420 queued before the restart waits for its 0430; the forwarder resends it. */
        REVERSAL_RESENT,
        /** A new 0220 was queued: deposit notes kept without an answer. */
        ADVICE_QUEUED,
        /** An 0220 queued before the restart waits for its 0230; the forwarder resends it. */
        ADVICE_RESENT,
        /** Cash the agent cannot account for; a record waits for branch reconciliation. */
        EXCEPTION
    }

    /**
     * @param delivered cash the customer got (withdrawal) or the bank kept (deposit)
     */
    public record Result(String txnId, TransactionKind kind, JournalStep lastStep, Action action, Money delivered) {
    }

    private static final Logger log = LoggerFactory.getLogger(JournalRecovery.class);

    private final Journal journal;
    private final Clock clock;
    private final TransactionEndings endings;
    private final CountDispensedCash countDispensedCash;
    private final SettleEscrow settleEscrow;

    public JournalRecovery(Journal journal, CashDispenser dispenser, CashAcceptor acceptor, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endings = new TransactionEndings(journal, clock);
        this.countDispensedCash = new CountDispensedCash(dispenser);
        this.settleEscrow = new SettleEscrow(acceptor);
    }

    public List<Result> recover() {
        List<Result> results = new ArrayList<>();
        for (String txnId : journal.unfinished()) {
            List<JournalRecord> records = journal.records(txnId);
            JournalRecord last = records.get(records.size() - 1);
            Session session = new Session(txnId, last.kind(), SessionState.POWER_OFF);
            session.stan(last.stan());
            session.fire(SessionEvent.POWER_RESTORED);
            Result result = recover(new RecoveredTransaction(records, journal, endings, clock));
            session.fire(switch (result.action()) {
                case COMPLETED -> SessionEvent.NOTHING_TO_RECOVER;
                case REVERSAL_QUEUED, REVERSAL_RESENT -> SessionEvent.REVERSAL_QUEUED;
                case ADVICE_QUEUED, ADVICE_RESENT -> SessionEvent.ADVICE_QUEUED;
                case EXCEPTION -> SessionEvent.RECONCILIATION_NEEDED;
            });
            if (result.action() == Action.EXCEPTION) {
                session.fire(SessionEvent.EXCEPTION_RECORDED);
            }
            log.info("recovery txn={} kind={} stan={} lastStep={} action={} delivered={}", txnId, last.kind(),
                    last.stan(), last.step(), result.action(), result.delivered());
            results.add(result);
        }
        return results;
    }

    /** Carries out the rule {@link RecoveryRules} gives for the transaction's kind and last step. */
    private Result recover(RecoveredTransaction txn) {
        JournalRecord last = txn.last();
        return switch (RecoveryRules.ruleFor(last.kind(), last.step())) {
            case RESEND_REVERSAL -> txn.resend();
            case RESEND_ADVICE -> txn.resendAdvice();
            case COMPLETE_AS_ADVISED -> txn.completeAdvised();
            case COMPLETE_AS_REVERSED -> txn.complete(txn.find(JournalStep.REVERSAL_QUEUED).actualMoney());
            case COMPLETE_AS_RECORDED -> txn.complete(last.actualMoney());
            case COMPLETE_WITH_NOTHING_MOVED -> txn.complete(txn.zero());
            case COMPLETE_WITH_AMOUNT -> txn.complete(last.amountMoney());
            case REVERSE_IN_FULL -> txn.reverse(txn.zero());
            case COUNT_WHAT_WAS_DISPENSED -> countDispensedCash.recover(txn);
            case RECORD_JAMMED_STORE -> txn.exception(last.amountMoney(), ExceptionCause.NOTES_JAMMED_ON_STORE,
                    txn.zero());
            case RECORD_NOTES_NOT_RETURNED -> txn.approved()
                    ? txn.exception(last.amountMoney(), ExceptionCause.APPROVED_DEPOSIT_KEPT, txn.zero())
                    : txn.unanswered() ? txn.advise(last.amountMoney())
                    : txn.exception(last.amountMoney(), ExceptionCause.NOTES_NEITHER_STORED_NOR_RETURNED, txn.zero());
            case SETTLE_ESCROW -> settleEscrow.recover(txn);
        };
    }
}
