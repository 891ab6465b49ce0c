package io.branchlink.agent.journal;

import io.branchlink.protocol.iso8583.FinancialAdvice;
import io.branchlink.protocol.iso8583.OriginalTransaction;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.Objects;

/**
 * One line of the journal. Amounts are minor units of {@code currency}. The record never holds an account number or
 * a withdrawal token, so the journal file is not a secret store. A deposit token is kept on the two records that need
 * it ({@code AUTH_REQUESTED} and {@code ADVICE_QUEUED} of a deposit): notes kept without an answer are advised
 * (0220) with it, also after a power cut. A deposit token can only pay cash into the account it names, and the
 * advice uses it up; {@link #toString()} never prints it.
 *
 * @param stan the STAN of the transaction's 0200
 * @param amount the amount asked for (withdrawal) or counted (deposit)
 * @param actual what actually moved in this step, where the step has one
 * @param counter a device counter read just before an {@code INTENT_*} step
 * @param transmittedAt field 7 of the 0200
 * @param localDateTime fields 12/13 of the 0200
 * @param rrn field 37 of the 0200
 * @param adviceStan field 11 of the 0420 or 0220, fixed when it is queued and reused on every repeat
 * @param adviceAt field 7 of the 0420 or 0220, likewise fixed
 * @param responseCode field 39 of a 0210 or 0430
 * @param note free text for operators: why an exception was recorded
 * @param token the deposit token, on a deposit's {@code AUTH_REQUESTED} and {@code ADVICE_QUEUED} only
 */
public record JournalRecord(String txnId, TransactionKind kind, JournalStep step, Instant at, int stan,
        String currency, long amount, Long actual, Long counter, Instant transmittedAt, LocalDateTime localDateTime,
        String rrn, Integer adviceStan, Instant adviceAt, String responseCode, String note, String token) {

    public JournalRecord {
        Objects.requireNonNull(txnId, "txnId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(currency, "currency");
    }

    /** A record without a token. */
    public JournalRecord(String txnId, TransactionKind kind, JournalStep step, Instant at, int stan, String currency,
            long amount, Long actual, Long counter, Instant transmittedAt, LocalDateTime localDateTime, String rrn,
            Integer adviceStan, Instant adviceAt, String responseCode, String note) {
        this(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt, localDateTime, rrn,
                adviceStan, adviceAt, responseCode, note, null);
    }

    /** A record of {@code step} that copies this record's transaction fields and clears the step-specific ones. */
    public JournalRecord next(JournalStep step, Instant at) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, null, null, transmittedAt,
                localDateTime, rrn, null, null, null, null, null);
    }

    public JournalRecord withActual(Money actual) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual.minorUnits(), counter,
                transmittedAt, localDateTime, rrn, adviceStan, adviceAt, responseCode, note, token);
    }

    public JournalRecord withCounter(Money counter) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter.minorUnits(),
                transmittedAt, localDateTime, rrn, adviceStan, adviceAt, responseCode, note, token);
    }

    public JournalRecord withAdvice(int adviceStan, Instant adviceAt) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt,
                localDateTime, rrn, adviceStan, adviceAt, responseCode, note, token);
    }

    public JournalRecord withResponseCode(String responseCode) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt,
                localDateTime, rrn, adviceStan, adviceAt, responseCode, note, token);
    }

    public JournalRecord withNote(String note) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt,
                localDateTime, rrn, adviceStan, adviceAt, responseCode, note, token);
    }

    /** This record carrying the deposit token. */
    public JournalRecord withToken(String token) {
        return new JournalRecord(txnId, kind, step, at, stan, currency, amount, actual, counter, transmittedAt,
                localDateTime, rrn, adviceStan, adviceAt, responseCode, note, token);
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

    /** The 0220 this {@code ADVICE_QUEUED} record stands for, identical on every repeat. */
    public FinancialAdvice toFinancialAdvice(String terminalId, String branchId) {
        if (step != JournalStep.ADVICE_QUEUED || adviceStan == null || adviceAt == null || token == null) {
            throw new IllegalStateException("not a queued advice: " + step);
        }
        return new FinancialAdvice(kind, actualMoney(), adviceAt, adviceStan, localDateTime, rrn, terminalId,
                branchId, token, new OriginalTransaction(stan, transmittedAt));
    }

    @Override
    public String toString() {
        return "JournalRecord[txnId=" + txnId + ", kind=" + kind + ", step=" + step + ", at=" + at + ", stan=" + stan
                + ", currency=" + currency + ", amount=" + amount + ", actual=" + actual + ", counter=" + counter
                + ", transmittedAt=" + transmittedAt + ", localDateTime=" + localDateTime + ", rrn=" + rrn
                + ", adviceStan=" + adviceStan + ", adviceAt=" + adviceAt + ", responseCode=" + responseCode
                + ", note=" + note + ", token=" + (token == null ? "none" : "<" + token.length() + " chars>") + "]";
    }
}
