/**
 * The real-time risk engine: {@link io.branchlink.channel.risk.RiskEngine#decide} answers ALLOW, STEP_UP or DENY
 * with customer-safe reasons from more than 2,000 features kept incrementally from recorded events (trust learned
 * from use among them), and rules that are data ({@link io.branchlink.channel.risk.RiskRules}: CEL conditions in a
 * YAML file, hot reloaded); a held customer, device or account is denied before any rule. The feature catalogue and
 * state, the rule loader, hold lists, storage and the operators' endpoints are in {@code internal}. The phone's
 * actions ask through {@link io.branchlink.channel.risk.RiskGate}, which the {@code stepup} module implements; see
 * docs/risk.md.
 *
 * @see io.branchlink.channel.risk.internal.RiskDefaultRulesTests
 * @see io.branchlink.channel.risk.internal.RiskIntegrationTests
 * @see io.branchlink.channel.risk.internal.RiskHoldsIntegrationTests
 */
package io.branchlink.channel.risk;
