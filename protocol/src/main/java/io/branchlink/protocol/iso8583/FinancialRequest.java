package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An 0200: the ITM asks the hub to authorize a cash withdrawal or deposit against the customer's QR token.
 *
 * @param kind field 3
 * @param amount fields 4 and 49, at least one minor unit
 * @param transmittedAt field 7
 * @param stan field 11
 * @param localDateTime fields 12 and 13: the terminal's local date and time of the transaction
 * @param rrn field 37, 12 characters
 * @param terminalId field 41
 * @param branchId field 42
 * @param qrToken field 48, the QR token text; a bearer secret that {@link #toString()} does not show
 */
public record FinancialRequest(TransactionKind kind, Money amount, Instant transmittedAt, int stan,
        LocalDateTime localDateTime, String rrn, String terminalId, String branchId, String qrToken)
        implements IsoMessage {

    public FinancialRequest {
        Objects.requireNonNull(kind, "kind");
        Fields.amount(amount, false);
        transmittedAt = Fields.seconds(transmittedAt);
        Fields.stan(stan);
        localDateTime = Fields.seconds(localDateTime);
        Fields.rrn(rrn);
        Fields.terminalId(terminalId);
        Fields.branchId(branchId);
        Fields.qrToken(qrToken);
    }

    @Override
    public Mti mti() {
        return Mti.FINANCIAL_REQUEST;
    }

    @Override
    public String toString() {
        return "FinancialRequest[kind=" + kind + ", amount=" + amount + ", transmittedAt=" + transmittedAt
                + ", stan=" + stan + ", localDateTime=" + localDateTime + ", rrn=" + rrn + ", terminalId="
                + terminalId + ", branchId=" + branchId + ", qrToken=<" + qrToken.length() + " chars>]";
    }
}
