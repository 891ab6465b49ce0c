package io.branchlink.protocol.iso8583;

import java.time.Instant;
import java.util.Objects;

/**
 * An 0430: the hub acknowledges an 0420, echoing every field of the advice and adding the response code (field 39).
 */
public record ReversalResponse(ReversalAdvice advice, IsoResponseCode responseCode) implements IsoMessage {

    public ReversalResponse {
        Objects.requireNonNull(advice, "advice");
        Objects.requireNonNull(responseCode, "responseCode");
    }

    public static ReversalResponse responseTo(ReversalAdvice advice, IsoResponseCode responseCode) {
        return new ReversalResponse(advice, responseCode);
    }

    @Override
    public Mti mti() {
        return Mti.REVERSAL_RESPONSE;
    }

    @Override
    public int stan() {
        return advice.stan();
    }

    @Override
    public Instant transmittedAt() {
        return advice.transmittedAt();
    }

    @Override
    public String terminalId() {
        return advice.terminalId();
    }

    @Override
    public String branchId() {
        return advice.branchId();
    }
}
