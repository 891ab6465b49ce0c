package io.branchlink.protocol.iso8583;

import java.time.Instant;
import java.util.Objects;

/** An 0800: a terminal signs on, signs off or tests the link (field 70). */
public record NetworkRequest(NetworkCode code, Instant transmittedAt, int stan, String terminalId, String branchId)
        implements IsoMessage {

    public NetworkRequest {
        Objects.requireNonNull(code, "code");
        transmittedAt = Fields.seconds(transmittedAt);
        Fields.stan(stan);
        Fields.terminalId(terminalId);
        Fields.branchId(branchId);
    }

    @Override
    public Mti mti() {
        return Mti.NETWORK_REQUEST;
    }
}
