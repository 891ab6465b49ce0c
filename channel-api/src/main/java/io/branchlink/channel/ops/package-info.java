/**
 * Operators' access to {@code /api/ops/**}: HTTP Basic with operator names and bcrypt hashes from settings
 * ({@code branchlink.channel.ops.operators}); no operator exists unless configured, and a verified operator's
 * credentials are remembered for a few minutes so that bcrypt runs once, not per call. The filter chain is in
 * {@code internal}; the endpoints belong to the features they operate (for example the risk engine's).
 *
 * @see io.branchlink.channel.ops.internal.OpsPropertiesTests
 * @see io.branchlink.channel.ops.internal.VerifiedOperatorsTests
 * @see io.branchlink.channel.risk.internal.RiskIntegrationTests.OperatorAccess
 */
package io.branchlink.channel.ops;
