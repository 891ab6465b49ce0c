package io.branchlink.channel.risk;

import java.time.Instant;
import java.util.List;

/**
 * The rule set the engine decides with: data (a YAML file of CEL conditions), loaded at start and reloaded on demand
 * or when its file changes. A new set with any rule that fails is refused whole, and the running set stays.
 *
 * @see io.branchlink.channel.risk.internal.RiskRuleLoaderTests
 */
public interface RiskRules {

    /** Reads the rule file again; the result says whether the new set now runs or why it was refused. */
    Reload reload();

    /** The rules that run now. */
    Summary current();

    /**
     * @param accepted true when the new set now runs
     * @param version the version that runs now (the new one if accepted, else the old one)
     * @param errors why the new set was refused, one line per problem; empty when accepted
     */
    record Reload(boolean accepted, String version, List<String> errors) {
    }

    /**
     * @param version a hash of the rule file's content
     * @param source where the rules were read from
     * @param loadedAt when they started to run
     * @param rules each rule's id, priority and outcome, highest priority first
     */
    record Summary(String version, String source, Instant loadedAt, List<Rule> rules) {
    }

    record Rule(String id, int priority, String outcome, String description, String condition) {
    }
}
