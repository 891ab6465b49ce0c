package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * An 0210: the hub's answer to an 0200. It echoes the request's fields except the QR token, and adds the response
 * code and, on approval only, the authorization code.
 *
 * @param responseCode field 39
 * @param authorizationCode field 38, 6 characters when approved, {@code null} otherwise
 */
public record FinancialResponse(TransactionKind kind, Money amount, Instant transmittedAt, int stan,
        LocalDateTime localDateTime, String rrn, String terminalId, String branchId, IsoResponseCode responseCode,
        String authorizationCode) implements IsoMessage {

    public FinancialResponse {
        Objects.requireNonNull(kind, "kind");
        Fields.amount(amount, false);
        transmittedAt = Fields.seconds(transmittedAt);
        Fields.stan(stan);
        localDateTime = Fields.seconds(localDateTime);
        Fields.rrn(rrn);
        Fields.terminalId(terminalId);
        Fields.branchId(branchId);
        Objects.requireNonNull(responseCode, "responseCode");
        if (responseCode.approved()) {
            Fields.authorizationCode(authorizationCode);
        } else if (authorizationCode != null) {
            throw new IllegalArgumentException("an authorization code is only sent with an approval");
        }
    }

    /** The response to {@code request}; {@code authorizationCode} is required when approving and null otherwise. */
    public static FinancialResponse responseTo(FinancialRequest request, IsoResponseCode responseCode,
            String authorizationCode) {
        return new FinancialResponse(request.kind(), request.amount(), request.transmittedAt(), request.stan(),
                request.localDateTime(), request.rrn(), request.terminalId(), request.branchId(), responseCode,
                authorizationCode);
    }

    /** A response without an authorization code: a decline. */
    public static FinancialResponse responseTo(FinancialRequest request, IsoResponseCode responseCode) {
        return responseTo(request, responseCode, null);
    }

    @Override
    public Mti mti() {
        return Mti.FINANCIAL_RESPONSE;
    }
}
