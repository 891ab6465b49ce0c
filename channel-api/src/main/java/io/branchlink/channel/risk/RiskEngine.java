package io.branchlink.channel.risk;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The risk engine: asked before an action that moves money or changes identity, told after the action completed.
 * Decisions read only in-memory feature state, kept up to date event by event, and the current rule set.
 *
 * @see io.branchlink.channel.risk.internal.RiskDefaultRulesTests
 */
public interface RiskEngine {

    /** Decides on the request and stores the decision with its reasons. Deterministic for an event history and clock. */
    RiskDecision decide(RiskRequest request);

    /** Stores a completed action and folds it into the feature state. */
    void record(RiskEvent event);

    /**
     * Records the event once the caller's transaction has committed, so that the features never count an action that
     * was rolled back; at once when no transaction is active.
     */
    void recordAfterCommit(RiskEvent event);

    /** The feature values a request would be decided on now, by feature name. */
    Map<String, Double> features(RiskRequest request);

    /** The stored decisions about a customer, newest first. */
    List<RiskDecision> decisions(UUID customerId, int limit);

    /** The names of every feature in the catalogue, in catalogue order. */
    List<String> catalogue();
}
