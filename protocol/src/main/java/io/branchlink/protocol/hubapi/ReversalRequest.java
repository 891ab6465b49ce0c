package io.branchlink.protocol.hubapi;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reverses the original transaction with this key (terminal id, STAN, transmission date), fully or in part.
 *
 * @param kind the original's {@link TransactionKind} name
 * @param completedAmount what the terminal actually completed: the cash dispensed for a withdrawal, the cash kept
 *     for a deposit; zero for a full reversal
 */
public record ReversalRequest(String kind, String terminalId, int stan, Instant transmittedAt,
        BigDecimal completedAmount, String currency) {
}
