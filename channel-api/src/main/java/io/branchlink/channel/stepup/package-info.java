/**
 * Pending step-ups: a risk decision of STEP_UP on an action of the customer's phone becomes a step-up that a
 * verified second factor of that phone (soft OTP or a passkey) completes, and that the retried action, for the same
 * request, uses exactly once; {@code RiskGate.confirm} makes an action that always needs the second factor (signing a
 * loan contract) go the same way on an ALLOW. Implements {@link io.branchlink.channel.risk.RiskGate}, which the
 * actions ask; the store, the app's endpoints under {@code /api/v1/step-ups} and the purge of expired challenges are
 * in {@code internal}. See docs/risk.md, "Who asks the engine".
 *
 * @see io.branchlink.channel.stepup.internal.StepUpIntegrationTests
 */
package io.branchlink.channel.stepup;
