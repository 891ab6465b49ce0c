package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An 0420: the ITM tells the hub that an approved 0200 did not complete, fully (nothing dispensed) or partly (less
 * than the approved amount dispensed), so the hub undoes the difference.
 *
 * @param kind field 3 of the original
 * @param originalAmount fields 4 and 49: the amount of the original 0200
 * @param dispensedAmount the first 12 digits of field 95: what was actually dispensed, zero for a full reversal,
 *     always less than the original amount
 * @param transmittedAt field 7 of this advice
 * @param stan field 11 of this advice (not the original's)
 * @param localDateTime fields 12 and 13 of the original
 * @param rrn field 37 of the original
 * @param original field 90
 */
public record ReversalAdvice(TransactionKind kind, Money originalAmount, Money dispensedAmount, Instant transmittedAt,
        int stan, LocalDateTime localDateTime, String rrn, String terminalId, String branchId,
        OriginalTransaction original) implements IsoMessage {

    public ReversalAdvice {
        Objects.requireNonNull(kind, "kind");
        Fields.amount(originalAmount, false);
        Fields.amount(dispensedAmount, true);
        if (!dispensedAmount.currency().equals(originalAmount.currency())) {
            throw new IllegalArgumentException("dispensed and original amounts must be in one currency");
        }
        if (dispensedAmount.minorUnits() >= originalAmount.minorUnits()) {
            throw new IllegalArgumentException("dispensed amount must be less than the original amount");
        }
        transmittedAt = Fields.seconds(transmittedAt);
        Fields.stan(stan);
        localDateTime = Fields.seconds(localDateTime);
        Fields.rrn(rrn);
        Fields.terminalId(terminalId);
        Fields.branchId(branchId);
        Objects.requireNonNull(original, "original");
    }

    /** Reverses all of {@code request}: nothing was dispensed. */
    public static ReversalAdvice full(FinancialRequest request, int stan, Instant transmittedAt) {
        return partial(request, new Money(0, request.amount().currency()), stan, transmittedAt);
    }

    /** Reverses the part of {@code request} that was not dispensed. */
    public static ReversalAdvice partial(FinancialRequest request, Money dispensedAmount, int stan,
            Instant transmittedAt) {
        return new ReversalAdvice(request.kind(), request.amount(), dispensedAmount, transmittedAt, stan,
                request.localDateTime(), request.rrn(), request.terminalId(), request.branchId(),
                OriginalTransaction.of(request));
    }

    public boolean isFull() {
        return dispensedAmount.minorUnits() == 0;
    }

    /** The amount to undo: the original amount less what was dispensed. */
    public Money reversedAmount() {
        return originalAmount.minus(dispensedAmount);
    }

    @Override
    public Mti mti() {
        return Mti.REVERSAL_ADVICE;
    }
}
