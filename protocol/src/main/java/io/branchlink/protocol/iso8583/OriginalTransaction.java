package io.branchlink.protocol.iso8583;

import java.time.Instant;

/**
 * The key of the 0200 a reversal refers to, carried in field 90: its STAN and transmission time. The original MTI is
 * always 0200 and the acquiring and forwarding institution ids are zero in this profile.
 */
public record OriginalTransaction(int stan, Instant transmittedAt) {

    public OriginalTransaction {
        Fields.stan(stan);
        transmittedAt = Fields.seconds(transmittedAt);
    }

    public static OriginalTransaction of(FinancialRequest request) {
        return new OriginalTransaction(request.stan(), request.transmittedAt());
    }
}
