package io.branchlink.channel.risk.internal;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One rule, type-checked and compiled once: evaluating it is a lookup of features in {@code f} and no parsing.
 *
 * @param features the feature names the condition reads, in the order they appear
 * @param hold the keys a DENY rule puts on hold when it decides, and for how long; null for none
 */
record CompiledRule(String id, String description, int priority, RuleOutcome outcome, List<StepUpFactor> factors,
        String condition, List<String> features, CelRuntime.Program program, Hold hold) {

    /** What a deciding rule puts on hold: the request's keys of these kinds, for this long. */
    record Hold(Set<RiskHold.Kind> kinds, Duration duration) {
    }

    enum RuleOutcome {
        DENY,
        STEP_UP,
        ALLOW
    }

    boolean matches(Map<String, Double> f) throws CelEvaluationException {
        return Boolean.TRUE.equals(program.eval(Map.of("f", f)));
    }
}
