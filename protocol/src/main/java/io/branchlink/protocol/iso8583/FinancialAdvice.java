package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An 0220: the ITM tells the hub that it kept the notes of a deposit whose 0210 never came back, so the deposit is
 * credited on the original 0200's key. A repeat is the same 0220 again (same fields 11 and 7): the profile does not
 * use 0221.
 *
 * @param kept fields 4 and 49: the amount the ITM actually kept
 * @param transmittedAt field 7 of this advice, fixed when it is queued
 * @param stan field 11 of this advice (not the original's), fixed when it is queued
 * @param localDateTime fields 12 and 13 of the original
 * @param rrn field 37 of the original
 * @param qrToken field 48: the deposit token the original 0200 carried; never printed by {@link #toString()}
 * @param original field 90: the original 0200's STAN and transmission time, the key the credit is booked on
 */
public record FinancialAdvice(TransactionKind kind, Money kept, Instant transmittedAt, int stan,
        LocalDateTime localDateTime, String rrn, String terminalId, String branchId, String qrToken,
        OriginalTransaction original) implements IsoMessage {

    public FinancialAdvice {
        if (kind != TransactionKind.DEPOSIT) {
            throw new IllegalArgumentException("an advice is sent for deposits only");
        }
        Fields.amount(kept, false);
        transmittedAt = Fields.seconds(transmittedAt);
        Fields.stan(stan);
        localDateTime = Fields.seconds(localDateTime);
        Fields.rrn(rrn);
        Fields.terminalId(terminalId);
        Fields.branchId(branchId);
        Fields.qrToken(qrToken);
        Objects.requireNonNull(original, "original");
    }

    /** The advice for {@code request}, whose notes were kept to the amount {@code kept}. */
    public static FinancialAdvice of(FinancialRequest request, Money kept, int stan, Instant transmittedAt) {
        return new FinancialAdvice(request.kind(), kept, transmittedAt, stan, request.localDateTime(),
                request.rrn(), request.terminalId(), request.branchId(), request.qrToken(),
                OriginalTransaction.of(request));
    }

    @Override
    public Mti mti() {
        return Mti.FINANCIAL_ADVICE;
    }

    @Override
    public String toString() {
        return "FinancialAdvice[kind=" + kind + ", kept=" + kept + ", transmittedAt=" + transmittedAt + ", stan="
                + stan + ", localDateTime=" + localDateTime + ", rrn=" + rrn + ", terminalId=" + terminalId
                + ", branchId=" + branchId + ", qrToken=<" + qrToken.length() + " chars>, original=" + original
                + "]";
    }
}
