package io.branchlink.channel.risk;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The engine's answer, as it is stored: the outcome, the step-up factors that would do, and why.
 *
 * @param id the decision's id
 * @param decidedAt when it was decided (the engine's clock)
 * @param customerId the customer asked about
 * @param action the action asked about
 * @param outcome ALLOW, STEP_UP or DENY
 * @param trusted true when an allow rule ("trusted") decided, so that lower rules were not applied
 * @param factors the second factors any one of which satisfies a STEP_UP; empty otherwise
 * @param reasons every rule that matched, the deciding one first; empty when none matched
 * @param inputs a summary of the request (no secrets)
 * @param ruleSetVersion the version of the rule set that decided
 * @param skippedSecondFactor true when an allow rule decided while a STEP_UP rule below it matched too: the trusted
 *     action skipped the second factor that rule would have asked for
 */
public record RiskDecision(UUID id, Instant decidedAt, UUID customerId, RiskAction action, Outcome outcome,
        boolean trusted, List<StepUpFactor> factors, List<Reason> reasons, Map<String, Object> inputs,
        String ruleSetVersion, boolean skippedSecondFactor) {

    /** A decision that skipped no second factor. */
    public RiskDecision(UUID id, Instant decidedAt, UUID customerId, RiskAction action, Outcome outcome,
            boolean trusted, List<StepUpFactor> factors, List<Reason> reasons, Map<String, Object> inputs,
            String ruleSetVersion) {
        this(id, decidedAt, customerId, action, outcome, trusted, factors, reasons, inputs, ruleSetVersion, false);
    }

    /** How the second factor went: asked for (STEP_UP), skipped by a trusted ALLOW, or not in question. */
    public SecondFactor secondFactor() {
        return outcome == Outcome.STEP_UP ? SecondFactor.REQUIRED
                : skippedSecondFactor ? SecondFactor.SKIPPED : SecondFactor.NONE;
    }

    public enum SecondFactor {
        REQUIRED,
        SKIPPED,
        NONE
    }

    public enum Outcome {
        ALLOW,
        STEP_UP,
        DENY
    }

    /** A second factor the customer may use to pass a STEP_UP. */
    public enum StepUpFactor {
        SOFT_OTP,
        BIOMETRIC
    }

    /**
     * One rule that matched.
     *
     * @param ruleId the rule's id in the rule file
     * @param description the rule's text, written to be shown to the customer
     * @param features the values of the features the rule reads, as they were at the decision
     */
    public record Reason(String ruleId, String description, Map<String, Double> features) {
    }
}
