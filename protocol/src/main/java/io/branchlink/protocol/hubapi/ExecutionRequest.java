package io.branchlink.protocol.hubapi;

/**
 * A teller's decision on a staged form; idempotent on {@code confirmationId}.
 *
 * @param decision a {@link TellerDecision} name
 * @param reason required for {@code REJECT}
 */
public record ExecutionRequest(String confirmationId, String tokenId, String tellerId, String terminalId,
        String decision, String reason) {
}
