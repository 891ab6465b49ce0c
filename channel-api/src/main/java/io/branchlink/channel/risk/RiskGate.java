package io.branchlink.channel.risk;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What an action of the customer's phone asks before it happens: the risk engine's decision, with a STEP_UP made a
 * pending step-up that a verified second factor completes and the retried action then uses once. Implemented by the
 * {@code stepup} module, which owns the pending step-ups and their endpoints.
 *
 * <p>Call it inside the action's transaction, after the action's own checks (limits, balances) and before it
 * changes anything; record the action with {@link RiskEngine#recordAfterCommit} once it is done.
 *
 * @see io.branchlink.channel.stepup.internal.StepUpIntegrationTests
 */
public interface RiskGate {

    /**
     * Asks the engine and acts on its answer.
     * <ul>
     * <li>ALLOW: returns the decision; a step-up id, if any, is left alone.
     * <li>STEP_UP with a step-up id that is VERIFIED, unexpired and of the same customer, phone and request: marks it
     * USED in the caller's transaction (so it stays VERIFIED when that transaction rolls back) and returns.
     * <li>STEP_UP otherwise: creates a pending step-up (in its own transaction) and throws
     * {@code ApiException(STEP_UP_REQUIRED)} carrying it; when the phone has none of the factors the decision
     * accepts, throws {@code ApiException(RISK_DECLINED)} instead.
     * <li>DENY: throws {@code ApiException(RISK_DECLINED)} with the customer-safe reasons and the decision id.
     * </ul>
     *
     * @param request the action as the engine sees it; its device is the phone that must pass a step-up
     * @param stepUpId the id of a step-up the phone passed for this action, or null
     * @return the decision, to record the completed action with
     */
    RiskDecision check(RiskRequest request, String stepUpId);

    /**
     * Asks the engine for an action that always needs the customer's second factor, whatever the engine says
     * (signing a loan contract): DENY refuses as {@link #check} does; ALLOW and STEP_UP both go as STEP_UP does in
     * {@link #check}, a verified step-up of the same customer, phone and request being used once, else a pending
     * one created and {@code ApiException(STEP_UP_REQUIRED)} thrown. For an ALLOW the step-up accepts every factor
     * the phone has.
     *
     * @param request the action as the engine sees it; its device is the phone that must pass the step-up
     * @param stepUpId the id of a step-up the phone passed for this action, or null
     * @return the decision, to record the completed action with
     */
    RiskDecision confirm(RiskRequest request, String stepUpId);

    /**
     * The proof of a step-up the customer passed (VERIFIED or USED): what a sealed document records as their
     * consent. Empty for an unknown id or one never verified.
     */
    Optional<StepUpProof> proof(String stepUpId);

    /**
     * A passed step-up as evidence of the customer's consent.
     *
     * @param stepUpId the step-up's id
     * @param action the action it was for
     * @param factor the second factor that verified it ({@code SOFT_OTP} or {@code BIOMETRIC}, a passkey)
     * @param verifiedAt when the factor was verified
     * @param requestSha256 hex SHA-256 of the request the customer approved (the step-up's request digest)
     * @param decisionId the risk decision that asked for it
     */
    record StepUpProof(String stepUpId, RiskAction action, String factor, Instant verifiedAt,
            String requestSha256, UUID decisionId) {
    }
}
