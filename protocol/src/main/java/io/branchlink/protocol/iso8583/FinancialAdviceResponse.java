package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An 0230: the hub acknowledges an 0220, echoing its fields except the token (field 48) and adding the response code
 * (field 39). {@code 00} means the advice is credited or stored for crediting; a decline means channel-api refused it.
 */
public record FinancialAdviceResponse(TransactionKind kind, Money kept, Instant transmittedAt, int stan,
        LocalDateTime localDateTime, String rrn, String terminalId, String branchId, OriginalTransaction original,
        IsoResponseCode responseCode) implements IsoMessage {

    public FinancialAdviceResponse {
        Objects.requireNonNull(kind, "kind");
        Fields.amount(kept, false);
        transmittedAt = Fields.seconds(transmittedAt);
        Fields.stan(stan);
        localDateTime = Fields.seconds(localDateTime);
        Fields.rrn(rrn);
        Fields.terminalId(terminalId);
        Fields.branchId(branchId);
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(responseCode, "responseCode");
    }

    public static FinancialAdviceResponse responseTo(FinancialAdvice advice, IsoResponseCode responseCode) {
        return new FinancialAdviceResponse(advice.kind(), advice.kept(), advice.transmittedAt(), advice.stan(),
                advice.localDateTime(), advice.rrn(), advice.terminalId(), advice.branchId(), advice.original(),
                responseCode);
    }

    @Override
    public Mti mti() {
        return Mti.FINANCIAL_ADVICE_RESPONSE;
    }
}
