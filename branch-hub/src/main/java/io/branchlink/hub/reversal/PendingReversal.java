package io.branchlink.hub.reversal;

import java.time.Instant;

/**
 * A reversal waiting for channel-api, named by its original transaction's key.
 *
 * @param kind {@code WITHDRAWAL} or {@code DEPOSIT}
 * @param completedMinor what the terminal completed, in minor units: 0 for a full reversal
 * @param reason why it was queued: {@code ADVICE} (an 0420) or {@code UNKNOWN_OUTCOME} (channel-api did not answer)
 */
public record PendingReversal(String kind, String terminalId, int originalStan, Instant originalTransmittedAt,
        long completedMinor, String currency, String reason, Instant queuedAt) {
}
