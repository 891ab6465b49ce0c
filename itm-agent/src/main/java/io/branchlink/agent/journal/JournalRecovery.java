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
 * the host needs, or records an exception for branch reconciliation (docs/itm-agent.md, "Recovery"). Running it
 * twice gives the same result: each action is journaled before the next is decided.
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

    public JournalRecovery(Journal journal, CashDispenser dispenser, CashAcceptor acceptor, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.dispenser = dispenser;
        this.acceptor = acceptor;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<Result> recover() {
        List<Result> results = new ArrayList<>();
        for (String txnId : journal.unfinished()) {
            List<JournalRecord> records = journal.records(txnId);
            JournalRecord last = records.get(records.size() - 1);
            Session session = new Session(txnId, last.kind(), SessionState.POWER_OFF);
            session.stan(last.stan());
            session.fire(SessionEvent.POWER_RESTORED);
            Result result = last.kind() == TransactionKind.WITHDRAWAL ? withdrawal(records, last)
                    : deposit(records, last);
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

    private Result withdrawal(List<JournalRecord> records, JournalRecord last) {
        Money zero = new Money(0, last.amountMoney().currency());
        switch (last.step()) {
            case REVERSAL_QUEUED:
                return new Result(last.txnId(), last.kind(), last.step(), Action.REVERSAL_RESENT, last.actualMoney());
            case REVERSAL_ACKNOWLEDGED:
                return complete(last, last.step(), find(records, JournalStep.REVERSAL_QUEUED).actualMoney());
            case EXCEPTION_RECORDED:
                return complete(last, last.step(), last.actualMoney());
            case AUTH_DECLINED:
            case AUTH_NOT_SENT:
                return complete(last, last.step(), zero);
            case AUTH_REQUESTED:
            case AUTH_APPROVED:
            case AUTH_TIMED_OUT:
                return reverse(last, zero);
            default:
                break;
        }
        JournalRecord intent = find(records, JournalStep.INTENT_DISPENSE);
        if (intent == null) {
            return reverse(last, zero);
        }
        clearTransport(last);
        DispenserCounters counters = dispenser.counters();
        Money delivered = counters.delivered().minus(intent.counterMoney());
        if (delivered.minorUnits() < 0 || delivered.minorUnits() > last.amount()) {
            return exception(last, delivered, "dispenser counters do not explain the dispense: delivered " + delivered);
        }
        if (delivered.minorUnits() == last.amount()) {
            return complete(last, last.step(), delivered);
        }
        return reverse(last, delivered);
    }

    private Result deposit(List<JournalRecord> records, JournalRecord last) {
        Money zero = new Money(0, last.amountMoney().currency());
        boolean asked = find(records, JournalStep.AUTH_REQUESTED) != null;
        JournalRecord answer = findAny(records, JournalStep.AUTH_APPROVED, JournalStep.AUTH_DECLINED,
                JournalStep.AUTH_NOT_SENT);
        switch (last.step()) {
            case REVERSAL_QUEUED:
                return new Result(last.txnId(), last.kind(), last.step(), Action.REVERSAL_RESENT, last.actualMoney());
            case REVERSAL_ACKNOWLEDGED:
            case DONE_STORE:
                return complete(last, last.step(), last.step() == JournalStep.DONE_STORE ? last.amountMoney() : zero);
            case EXCEPTION_RECORDED:
                return complete(last, last.step(), last.actualMoney());
            case STORE_FAILED:
                return exception(last, last.amountMoney(), "approved deposit: notes jammed on store, kept and credited");
            case RETURN_FAILED:
                return exception(last, last.amountMoney(), answer != null && answer.step() == JournalStep.AUTH_APPROVED
                        ? "approved deposit kept" : "notes could be neither stored nor returned");
            default:
                break;
        }
        if (answer != null && answer.step() == JournalStep.AUTH_APPROVED) {
            return storeApproved(records, last);
        }
        boolean hostMayHaveCredited = asked && answer == null;
        if (!acceptor.escrow().isEmpty()) {
            journal.append(last.next(JournalStep.INTENT_RETURN, clock.instant()));
            CashAcceptor.RollbackResult rollback = acceptor.rollback();
            if (!rollback.outcome().success()) {
                journal.append(last.next(JournalStep.RETURN_FAILED, clock.instant()));
                return exception(last, last.amountMoney(), hostMayHaveCredited
                        ? "host did not answer and the notes could not be returned"
                        : "notes could be neither stored nor returned");
            }
            journal.append(last.next(JournalStep.DONE_RETURN, clock.instant()).withActual(rollback.returned().total()));
        }
        return hostMayHaveCredited ? reverse(last, zero) : complete(last, last.step(), zero);
    }

    private Result storeApproved(List<JournalRecord> records, JournalRecord last) {
        JournalRecord intent = find(records, JournalStep.INTENT_STORE);
        if (!acceptor.escrow().isEmpty()) {
            JournalRecord storeIntent = last.next(JournalStep.INTENT_STORE, clock.instant())
                    .withCounter(acceptor.storedTotal());
            journal.append(storeIntent);
            CashAcceptor.StoreResult store = acceptor.store();
            if (!store.outcome().success()) {
                journal.append(last.next(JournalStep.STORE_FAILED, clock.instant()));
                return exception(last, last.amountMoney(), "approved deposit: notes jammed on store, kept and credited");
            }
            journal.append(last.next(JournalStep.DONE_STORE, clock.instant()).withActual(store.stored().total()));
            return complete(last, last.step(), last.amountMoney());
        }
        Money stored = intent == null ? new Money(0, last.amountMoney().currency())
                : acceptor.storedTotal().minus(intent.counterMoney());
        if (stored.minorUnits() == last.amount()) {
            return complete(last, last.step(), stored);
        }
        return exception(last, last.amountMoney(), "approved deposit: escrow empty but only " + stored + " stored");
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
        Reversals.queue(journal, last, delivered, clock);
        return new Result(last.txnId(), last.kind(), last.step(), Action.REVERSAL_QUEUED, delivered);
    }

    private Result complete(JournalRecord last, JournalStep lastStep, Money delivered) {
        journal.append(last.next(JournalStep.COMPLETED, clock.instant()).withActual(delivered));
        return new Result(last.txnId(), last.kind(), lastStep, Action.COMPLETED, delivered);
    }

    private Result exception(JournalRecord last, Money kept, String why) {
        journal.append(last.next(JournalStep.EXCEPTION_RECORDED, clock.instant()).withActual(kept).withNote(why));
        journal.append(last.next(JournalStep.COMPLETED, clock.instant()).withActual(kept));
        return new Result(last.txnId(), last.kind(), last.step(), Action.EXCEPTION, kept);
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
