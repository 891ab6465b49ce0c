package io.branchlink.channel.risk.internal;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import java.util.List;
import java.util.Map;

/**
 * One rule, type-checked and compiled once: evaluating it is a lookup of features in {@code f} and no parsing.
 *
 * @param features the feature names the condition reads, in the order they appear
 */
record CompiledRule(String id, String description, int priority, RuleOutcome outcome, List<StepUpFactor> factors,
        String condition, List<String> features, CelRuntime.Program program) {

    enum RuleOutcome {
        DENY,
        STEP_UP,
        ALLOW
    }

    boolean matches(Map<String, Double> f) throws CelEvaluationException {
        return Boolean.TRUE.equals(program.eval(Map.of("f", f)));
    }
}
