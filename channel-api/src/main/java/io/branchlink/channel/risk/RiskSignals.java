package io.branchlink.channel.risk;

import java.time.Instant;

/**
 * Facts about a request that the caller knows and the event history does not: what the app reports about the phone's
 * integrity, and when the token being redeemed was issued. Each is null when unknown.
 *
 * @param rooted the app found the phone rooted or jailbroken
 * @param emulator the app found itself running on an emulator
 * @param tokenIssuedAt when the token presented at the ITM or counter was staged
 */
public record RiskSignals(Boolean rooted, Boolean emulator, Instant tokenIssuedAt) {

    /** Nothing known beyond the request's other fields. */
    public static final RiskSignals NONE = new RiskSignals(null, null, null);

    /** What the phone's app reported about itself; both null when it reported nothing. */
    public static RiskSignals device(Boolean rooted, Boolean emulator) {
        return new RiskSignals(rooted, emulator, null);
    }

    /** The time a token was issued. */
    public static RiskSignals token(Instant issuedAt) {
        return new RiskSignals(null, null, issuedAt);
    }

    /** True when the app reported at least one integrity flag. */
    public boolean integrityReported() {
        return rooted != null || emulator != null;
    }
}
