package io.branchlink.channel.risk.internal;

import dev.cel.runtime.CelEvaluationException;
import io.branchlink.channel.risk.RiskDecision.Outcome;
import io.branchlink.channel.risk.RiskDecision.Reason;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import io.branchlink.channel.risk.internal.CompiledRule.RuleOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rule set that passed every check and may run, highest priority first. The first rule that matches decides; no
 * match allows. A rule that fails to evaluate counts as a match that asks for a step-up (or, for an allow rule, as no
 * match), so an error never lets an action through unchecked.
 *
 * @param version the first 12 hex digits of the SHA-256 of the file's bytes
 */
record RuleSet(String version, String source, Instant loadedAt, List<CompiledRule> rules) {

    static final String RULE_ERROR_DESCRIPTION = "An additional check is needed for this action.";
    private static final Logger log = LoggerFactory.getLogger(RuleSet.class);

    /**
     * What the rules say about a feature map.
     *
     * @param skippedSecondFactor an allow rule decided while a STEP_UP rule below it matched too: the trusted action
     *     skips the second factor that rule asks for
     * @param hold what the deciding DENY rule puts on hold, or null
     */
    record Verdict(Outcome outcome, boolean trusted, List<StepUpFactor> factors, List<Reason> reasons,
            boolean skippedSecondFactor, CompiledRule.Hold hold) {
    }

    Verdict evaluate(Map<String, Double> f) {
        List<Reason> reasons = new ArrayList<>();
        CompiledRule deciding = null;
        boolean decidedByError = false;
        boolean stepUpBelow = false;
        for (CompiledRule rule : rules) {
            boolean matched;
            boolean error = false;
            try {
                matched = rule.matches(f);
            } catch (CelEvaluationException e) {
                log.warn("risk rule {} failed to evaluate: {}", rule.id(), e.getMessage());
                matched = rule.outcome() != RuleOutcome.ALLOW;
                error = true;
            }
            if (matched) {
                reasons.add(new Reason(rule.id(), error ? RULE_ERROR_DESCRIPTION : rule.description(),
                        used(rule, f)));
                if (deciding == null) {
                    deciding = rule;
                    decidedByError = error;
                } else if (rule.outcome() == RuleOutcome.STEP_UP || error) {
                    stepUpBelow = true;
                }
            }
        }
        if (deciding == null) {
            return new Verdict(Outcome.ALLOW, false, List.of(), List.of(), false, null);
        }
        Outcome outcome = switch (deciding.outcome()) {
            case DENY -> decidedByError ? Outcome.STEP_UP : Outcome.DENY;
            case STEP_UP -> Outcome.STEP_UP;
            case ALLOW -> Outcome.ALLOW;
        };
        List<StepUpFactor> factors = outcome != Outcome.STEP_UP ? List.of()
                : decidedByError ? List.of(StepUpFactor.values()) : deciding.factors();
        boolean trusted = deciding.outcome() == RuleOutcome.ALLOW;
        return new Verdict(outcome, trusted, factors, List.copyOf(reasons), trusted && stepUpBelow,
                outcome == Outcome.DENY ? deciding.hold() : null);
    }

    private static Map<String, Double> used(CompiledRule rule, Map<String, Double> f) {
        Map<String, Double> used = new LinkedHashMap<>();
        for (String name : rule.features()) {
            used.put(name, f.get(name));
        }
        return used;
    }
}
