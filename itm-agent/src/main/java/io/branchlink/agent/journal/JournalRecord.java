package io.branchlink.agent.journal;

import io.branchlink.protocol.iso8583.OriginalTransaction;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.Objects;

/**
 * One line of the journal. Amounts are minor units of {@code currency}. The record never holds the QR token or an
 * account number, so the journal file is not a secret store.
 *
 * @param stan the STAN of the transaction's 0200
 * @param amount the amount asked for (withdrawal) or counted (deposit)
 * @param actual what actually moved in this step, where the step has one
 * @param counter a device counter read just before an {@code INTENT_*} step
 * @param transmittedAt field 7 of the 0200
 * @param localDateTime fields 12/13 of the 0200
 * @param rrn field 37 of the 0200
 * @param adviceStan field 11 of the 0420, fixed when it is queued and reused on every repeat
 * @param adviceAt field 7 of the 0420, likewise fixed
 * @param responseCode field 39 of a 0210 or 0430
 * @param note free text for operators: why an exception was recorded
 */
public record JournalRecord(String txnId, TransactionKind kind, JournalStep step, Instant at, int stan,
        String currency, long amount, Long actual, Long counter, Instant transmittedAt, LocalDateTime localDateTime,
        String rrn, Integer adviceStan, Instant adviceAt, String responseCode, String note) {

    public JournalRecord {
        Objects.requireNonNull(txnId, "txnId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(currency, "currency");
    }

    /** A record of {@code step} that copies this record's transaction fields and clears the step-specific ones. */
    public JournalRecord next(JournalStep step, Instant at) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, null, null, transmittedAt,
                localDateTime, rrn, null, null, null, null);
    }

    public JournalRecord withActual(Money actual) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual.minorUnits(), counter,
                transmittedAt, localDateTime, rrn, adviceStan, adviceAt, responseCode, note);
    }

    public JournalRecord withCounter(Money counter) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter.minorUnits(),
                transmittedAt, localDateTime, rrn, adviceStan, adviceAt, responseCode, note);
    }

    public JournalRecord withAdvice(int adviceStan, Instant adviceAt) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt,
                localDateTime, rrn, adviceStan, adviceAt, responseCode, note);
    }

    public JournalRecord withResponseCode(String responseCode) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt,
                localDateTime, rrn, adviceStan, adviceAt, responseCode, note);
    }

    public JournalRecord withNote(String note) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt,
                localDateTime, rrn, adviceStan, adviceAt, responseCode, note);
    }

    public Money amountMoney() {
        return new Money(amount, Currency.getInstance(currency));
    }

    /** {@code actual} as money, zero when absent. */
    public Money actualMoney() {
        return new Money(actual == null ? 0 : actual, Currency.getInstance(currency));
    }

    /** {@code counter} as money, zero when absent. */
    public Money counterMoney() {
        return new Money(counter == null ? 0 : counter, Currency.getInstance(currency));
    }

    /** The 0420 this {@code REVERSAL_QUEUED} record stands for, identical on every repeat. */
    public ReversalAdvice toAdvice(String terminalId, String branchId) {
        if (step != JournalStep.REVERSAL_QUEUED || adviceStan == null || adviceAt == null) {
            throw new IllegalStateException("not a queued reversal: " + step);
        }
        return new ReversalAdvice(kind, amountMoney(), actualMoney(), adviceAt, adviceStan, localDateTime, rrn,
                terminalId, branchId, new OriginalTransaction(stan, transmittedAt));
    }
}
