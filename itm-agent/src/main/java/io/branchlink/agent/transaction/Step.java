package io.branchlink.agent.transaction;

import java.util.List;
import java.util.Optional;

/**
 * One step of a customer flow: it acts on the transaction's context and either lets the flow go on (empty) or ends
 * the transaction.
 *
 * @param <C> the flow's context
 */
@FunctionalInterface
public interface Step<C> {

    Optional<TransactionEnd> run(C context);

    /** Runs {@code steps} in order until one ends the transaction; the last step must end it. */
    static <C> TransactionEnd runUntilEnded(C context, List<Step<C>> steps) {
        for (Step<C> step : steps) {
            Optional<TransactionEnd> end = step.run(context);
            if (end.isPresent()) {
                return end.get();
            }
        }
        throw new IllegalStateException("the flow ran out of steps without an ending");
    }
}
