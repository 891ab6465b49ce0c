package io.branchlink.channel.customer;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer behind a request, with what risk rules need about the session: when it was opened and when its
 * device was bound ({@code null} for a device that is not bound to the customer).
 */
public record CustomerPrincipal(UUID customerId, String deviceId, Instant sessionCreatedAt, Instant deviceBoundAt,
        Instant phoneChangedAt) {

    public boolean deviceBound() {
        return deviceBoundAt != null;
    }
}
