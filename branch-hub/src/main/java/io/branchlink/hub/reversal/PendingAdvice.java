package io.branchlink.hub.reversal;

import java.time.Instant;

/**
 * A deposit advice (0220) waiting for channel-api: the notes of the original 0200 were kept at the terminal.
 *
 * @param keptMinor the amount the terminal kept, in minor units
 * @param token the deposit token of the original 0200; never printed by {@link #toString()}
 */
public record PendingAdvice(String terminalId, int originalStan, Instant originalTransmittedAt, long keptMinor,
        String currency, String rrn, String token, Instant queuedAt) {

    @Override
    public String toString() {
        return "PendingAdvice[" + terminalId + " originalStan=" + originalStan + " kept=" + keptMinor + " " + currency
                + "]";
    }
}
