package io.branchlink.agent.journal;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.device.CashDispenser.DispenserCounters;
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
 * the host needs, or records an exception for branch reconciliation (docs/itm-agent.md, "Recovery"). The rule per
 * kind and last step is the table in {@link RecoveryRules}; the endings are the live flows' {@link
 * TransactionEndings}. Running it twice gives the same result: each action is journaled before the next is decided.
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
    private final CashDispenser dispenser;
    private final CashAcceptor acceptor;
    private final Clock clock;
    private final TransactionEndings endings;

    public JournalRecovery(Journal journal, CashDispenser dispenser, CashAcceptor acceptor, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.dispenser = dispenser;
        this.acceptor = acceptor;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endings = new TransactionEndings(journal, clock);
    }

    public List<Result> recover() {
        List<Result> results = new ArrayList<>();
        for (String txnId : journal.unfinished()) {
            List<JournalRecord> records = journal.records(txnId);
            JournalRecord last = records.get(records.size() - 1);
            Session session = new Session(txnId, last.kind(), SessionState.POWER_OFF);
            session.stan(last.stan());
            session.fire(SessionEvent.POWER_RESTORED);
            Result result = recover(records, last);
            session.fire(switch (result.action()) {
                case COMPLETED -> SessionEvent.NOTHING_TO_RECOVER;
                case REVERSAL_QUEUED, REVERSAL_RESENT -> SessionEvent.REVERSAL_QUEUED;
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
    private Result recover(List<JournalRecord> records, JournalRecord last) {
        Money zero = new Money(0, last.amountMoney().currency());
        return switch (RecoveryRules.ruleFor(last.kind(), last.step())) {
            case RESEND_REVERSAL -> result(last, Action.REVERSAL_RESENT, last.actualMoney());
            case COMPLETE_AS_REVERSED -> complete(last, find(records, JournalStep.REVERSAL_QUEUED).actualMoney());
            case COMPLETE_AS_RECORDED -> complete(last, last.actualMoney());
            case COMPLETE_WITH_NOTHING_MOVED -> complete(last, zero);
            case COMPLETE_WITH_AMOUNT -> complete(last, last.amountMoney());
            case REVERSE_IN_FULL -> reverse(last, zero);
            case COUNT_WHAT_WAS_DISPENSED -> countWhatWasDispensed(records, last);
            case RECORD_JAMMED_STORE -> exception(last, last.amountMoney(), ExceptionCause.NOTES_JAMMED_ON_STORE, zero);
            case RECORD_NOTES_NOT_RETURNED -> exception(last, last.amountMoney(), approved(records)
                    ? ExceptionCause.APPROVED_DEPOSIT_KEPT : ExceptionCause.NOTES_NEITHER_STORED_NOR_RETURNED, zero);
            case SETTLE_ESCROW -> approved(records) ? storeApproved(records, last) : returnEscrow(records, last);
        };
    }

    private Result countWhatWasDispensed(List<JournalRecord> records, JournalRecord last) {
        Money zero = new Money(0, last.amountMoney().currency());
        JournalRecord intent = find(records, JournalStep.INTENT_DISPENSE);
        if (intent == null) {
            return reverse(last, zero);
        }
        clearTransport(last);
        DispenserCounters counters = dispenser.counters();
        Money delivered = counters.delivered().minus(intent.counterMoney());
        if (delivered.minorUnits() < 0 || delivered.minorUnits() > last.amount()) {
            return exception(last, delivered, ExceptionCause.DISPENSE_UNEXPLAINED, delivered);
        }
        if (delivered.minorUnits() == last.amount()) {
            return complete(last, delivered);
        }
        return reverse(last, delivered);
    }

    /** A deposit the host did not approve: any notes in escrow go back; a 0200 left unanswered is reversed. */
    private Result returnEscrow(List<JournalRecord> records, JournalRecord last) {
        Money zero = new Money(0, last.amountMoney().currency());
        boolean asked = find(records, JournalStep.AUTH_REQUESTED) != null;
        boolean hostMayHaveCredited = asked && hostAnswer(records) == null;
        if (!acceptor.escrow().isEmpty()) {
            journal.append(last.next(JournalStep.INTENT_RETURN, clock.instant()));
            CashAcceptor.RollbackResult rollback = acceptor.rollback();
            if (!rollback.outcome().success()) {
                journal.append(last.next(JournalStep.RETURN_FAILED, clock.instant()));
                return exception(last, last.amountMoney(), hostMayHaveCredited
                        ? ExceptionCause.UNANSWERED_NOTES_NOT_RETURNED
                        : ExceptionCause.NOTES_NEITHER_STORED_NOR_RETURNED, zero);
            }
            journal.append(last.next(JournalStep.DONE_RETURN, clock.instant()).withActual(rollback.returned().total()));
        }
        return hostMayHaveCredited ? reverse(last, zero) : complete(last, zero);
    }

    private Result storeApproved(List<JournalRecord> records, JournalRecord last) {
        Money zero = new Money(0, last.amountMoney().currency());
        JournalRecord intent = find(records, JournalStep.INTENT_STORE);
        if (!acceptor.escrow().isEmpty()) {
            JournalRecord storeIntent = last.next(JournalStep.INTENT_STORE, clock.instant())
                    .withCounter(acceptor.storedTotal());
            journal.append(storeIntent);
            CashAcceptor.StoreResult store = acceptor.store();
            if (!store.outcome().success()) {
                journal.append(last.next(JournalStep.STORE_FAILED, clock.instant()));
                return exception(last, last.amountMoney(), ExceptionCause.NOTES_JAMMED_ON_STORE, zero);
            }
            journal.append(last.next(JournalStep.DONE_STORE, clock.instant()).withActual(store.stored().total()));
            return complete(last, last.amountMoney());
        }
        Money stored = intent == null ? zero : acceptor.storedTotal().minus(intent.counterMoney());
        if (stored.minorUnits() == last.amount()) {
            return complete(last, stored);
        }
        return exception(last, last.amountMoney(), ExceptionCause.APPROVED_DEPOSIT_STORED_SHORT, stored);
    }

    private void clearTransport(JournalRecord last) {
        DispenserCounters counters = dispenser.counters();
        if (counters.atExit().isPositive()) {
            journal.append(last.next(JournalStep.INTENT_RETRACT, clock.instant()));
            CashDispenser.MoveResult retract = dispenser.retract();
            journal.append(last.next(JournalStep.DONE_RETRACT, clock.instant()).withActual(retract.moved().total()));
        }
        if (dispenser.counters().inStacker().isPositive()) {
            journal.append(last.next(JournalStep.INTENT_REJECT, clock.instant()));
            CashDispenser.MoveResult reject = dispenser.reject();
            journal.append(last.next(JournalStep.DONE_REJECT, clock.instant()).withActual(reject.moved().total()));
        }
    }

    private Result reverse(JournalRecord last, Money delivered) {
        endings.queueReversal(last, delivered);
        return result(last, Action.REVERSAL_QUEUED, delivered);
    }

    private Result complete(JournalRecord last, Money delivered) {
        endings.complete(last, delivered);
        return result(last, Action.COMPLETED, delivered);
    }

    private Result exception(JournalRecord last, Money kept, ExceptionCause cause, Money observed) {
        endings.recordException(last, kept, cause, observed);
        return result(last, Action.EXCEPTION, kept);
    }

    private static Result result(JournalRecord last, Action action, Money delivered) {
        return new Result(last.txnId(), last.kind(), last.step(), action, delivered);
    }

    private static boolean approved(List<JournalRecord> records) {
        JournalRecord answer = hostAnswer(records);
        return answer != null && answer.step() == JournalStep.AUTH_APPROVED;
    }

    private static JournalRecord hostAnswer(List<JournalRecord> records) {
        return findAny(records, JournalStep.AUTH_APPROVED, JournalStep.AUTH_DECLINED, JournalStep.AUTH_NOT_SENT);
    }

    private static JournalRecord find(List<JournalRecord> records, JournalStep step) {
        return findAny(records, step);
    }

    private static JournalRecord findAny(List<JournalRecord> records, JournalStep... steps) {
        for (int i = records.size() - 1; i >= 0; i--) {
            for (JournalStep step : steps) {
                if (records.get(i).step() == step) {
                    return records.get(i);
                }
            }
        }
        return null;
    }
}
