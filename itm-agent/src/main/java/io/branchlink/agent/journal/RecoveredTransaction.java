package io.branchlink.agent.journal;

import io.branchlink.agent.journal.JournalRecovery.Action;
import io.branchlink.agent.journal.JournalRecovery.Result;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.money.Money;
import java.time.Clock;
import java.util.List;

/**
 * One unfinished transaction as recovery sees it: its journal records and last step, and the ways recovery can
 * end it, each written through {@link TransactionEndings} like the live flows' endings.
 */
final class RecoveredTransaction {

    private final List<JournalRecord> records;
    private final JournalRecord last;
    private final Journal journal;
    private final TransactionEndings endings;
    private final Clock clock;

    RecoveredTransaction(List<JournalRecord> records, Journal journal, TransactionEndings endings, Clock clock) {
        this.records = records;
        this.last = records.get(records.size() - 1);
        this.journal = journal;
        this.endings = endings;
        this.clock = clock;
    }

    JournalRecord last() {
        return last;
    }

    Money zero() {
        return new Money(0, last.amountMoney().currency());
    }

    /** Appends a record of {@code step} for this transaction and returns it. */
    JournalRecord append(JournalStep step) {
        JournalRecord record = last.next(step, clock.instant());
        journal.append(record);
        return record;
    }

    void append(JournalRecord record) {
        journal.append(record);
    }

    JournalRecord next(JournalStep step) {
        return last.next(step, clock.instant());
    }

    /** The latest record of {@code step}, or {@code null}. */
    JournalRecord find(JournalStep step) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).step() == step) {
                return records.get(i);
            }
        }
        return null;
    }

    /** Whether the host approved the 0200 (its answer is journaled and is an approval). */
    boolean approved() {
        JournalRecord answer = hostAnswer();
        return answer != null && answer.step() == JournalStep.AUTH_APPROVED;
    }

    /** Whether the 0200 went out and no answer (approval, decline, not sent) was journaled. */
    boolean unanswered() {
        return find(JournalStep.AUTH_REQUESTED) != null && hostAnswer() == null;
    }

    Result resend() {
        return result(Action.REVERSAL_RESENT, last.actualMoney());
    }

    Result resendAdvice() {
        return result(Action.ADVICE_RESENT, last.actualMoney());
    }

    /** The 0230 is journaled but the deposit was not closed: credited with {@code 00}, refused otherwise. */
    Result completeAdvised() {
        JournalRecord queued = find(JournalStep.ADVICE_QUEUED);
        if (IsoResponseCode.APPROVED.code().equals(last.responseCode())) {
            return complete(queued.actualMoney());
        }
        return exception(queued.actualMoney(), ExceptionCause.ADVICE_REFUSED, queued.actualMoney());
    }

    /**
     * Queues the 0220 for notes of an unanswered deposit that stay in the machine, with the deposit token journaled
     * before the 0200; without one (a journal written before advices) the notes go on an exception record.
     */
    Result advise(Money kept) {
        JournalRecord requested = find(JournalStep.AUTH_REQUESTED);
        if (requested == null || requested.token() == null) {
            return exception(kept, ExceptionCause.UNANSWERED_NOTES_KEPT_WITHOUT_TOKEN, zero());
        }
        endings.queueAdvice(last, kept, requested.token());
        return result(Action.ADVICE_QUEUED, kept);
    }

    Result complete(Money delivered) {
        endings.complete(last, delivered);
        return result(Action.COMPLETED, delivered);
    }

    Result reverse(Money delivered) {
        endings.queueReversal(last, delivered);
        return result(Action.REVERSAL_QUEUED, delivered);
    }

    /** @param observed the amount the cause's note names, where it names one */
    Result exception(Money kept, ExceptionCause cause, Money observed) {
        endings.recordException(last, kept, cause, observed);
        return result(Action.EXCEPTION, kept);
    }

    private Result result(Action action, Money delivered) {
        return new Result(last.txnId(), last.kind(), last.step(), action, delivered);
    }

    private JournalRecord hostAnswer() {
        for (int i = records.size() - 1; i >= 0; i--) {
            JournalStep step = records.get(i).step();
            if (step == JournalStep.AUTH_APPROVED || step == JournalStep.AUTH_DECLINED
                    || step == JournalStep.AUTH_NOT_SENT) {
                return records.get(i);
            }
        }
        return null;
    }
}
