package io.branchlink.protocol.iso8583;

import java.time.Instant;
import java.util.Objects;

/** An 0810: the answer to an 0800, echoing its fields and adding the response code (field 39). */
public record NetworkResponse(NetworkRequest request, IsoResponseCode responseCode) implements IsoMessage {

    public NetworkResponse {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(responseCode, "responseCode");
    }

    public static NetworkResponse responseTo(NetworkRequest request, IsoResponseCode responseCode) {
        return new NetworkResponse(request, responseCode);
    }

    @Override
    public Mti mti() {
        return Mti.NETWORK_RESPONSE;
    }

    @Override
    public int stan() {
        return request.stan();
    }

    @Override
    public Instant transmittedAt() {
        return request.transmittedAt();
    }

    @Override
    public String terminalId() {
        return request.terminalId();
    }

    @Override
    public String branchId() {
        return request.branchId();
    }
}
