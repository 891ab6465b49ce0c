package io.branchlink.agent.session;

import static io.branchlink.agent.session.SessionState.*;

import java.util.Optional;

/**
 * The one transition function of the customer session: each allowed (state, event) pair and its next state, every
 * other pair rejected. Power loss is allowed in every state a transaction can be in.
 *
 * @see io.branchlink.agent.session.SessionTransitionsTests
 */
public final class SessionTransitions {

    private SessionTransitions() {
    }

    /**
     * The state after {@code event} in {@code state}.
     *
     * @throws IllegalTransitionException when the pair is not allowed
     */
    public static SessionState transition(SessionState state, SessionEvent event) {
        return next(state, event).orElseThrow(() -> new IllegalTransitionException(state, event));
    }

    /** The state after {@code event} in {@code state}, or empty when the pair is not allowed. */
    public static Optional<SessionState> next(SessionState state, SessionEvent event) {
        if (event == SessionEvent.POWER_LOST) {
            return state == DONE || state == POWER_OFF ? Optional.empty() : Optional.of(POWER_OFF);
        }
        SessionState next = switch (state) {
            case IDLE -> event == SessionEvent.TOKEN_SCANNED ? TOKEN_READ : null;
            case TOKEN_READ -> switch (event) {
                case WITHDRAWAL_REQUESTED -> AUTHORIZING;
                case CASH_IN_STARTED -> COUNTING;
                case TOKEN_REJECTED -> DONE;
                default -> null;
            };
            case AUTHORIZING -> switch (event) {
                case APPROVED -> DISPENSING;
                case DECLINED -> SessionState.DECLINED;
                case HOST_TIMED_OUT -> REVERSING;
                default -> null;
            };
            case DISPENSING -> switch (event) {
                case CASH_STACKED -> PRESENTING;
                case NOTHING_STACKED -> REVERSING;
                default -> null;
            };
            case PRESENTING -> switch (event) {
                case CASH_TAKEN -> TAKEN;
                case CASH_NOT_TAKEN, PRESENT_FAILED -> RETRACTING;
                default -> null;
            };
            case TAKEN -> switch (event) {
                case FULL_AMOUNT_DELIVERED -> DONE;
                case SHORT_AMOUNT_DELIVERED -> REVERSING;
                default -> null;
            };
            case RETRACTING -> switch (event) {
                case CASH_RETRACTED -> REVERSING;
                case RETRACT_FAILED -> EXCEPTION;
                default -> null;
            };
            case DECLINED -> event == SessionEvent.CUSTOMER_INFORMED ? DONE : null;
            case COUNTING -> switch (event) {
                case NOTES_COUNTED -> CONFIRMING;
                case NO_NOTES_ACCEPTED -> DONE;
                default -> null;
            };
            case CONFIRMING -> switch (event) {
                case CUSTOMER_CONFIRMED -> AUTHORIZING_DEPOSIT;
                case CUSTOMER_CANCELLED -> RETURNING;
                default -> null;
            };
            case AUTHORIZING_DEPOSIT -> switch (event) {
                case APPROVED -> STORING;
                case DECLINED -> RETURNING;
                case HOST_TIMED_OUT -> RETURNING_UNANSWERED;
                default -> null;
            };
            case STORING -> switch (event) {
                case NOTES_STORED -> DONE;
                case STORE_FAILED -> EXCEPTION;
                default -> null;
            };
            case RETURNING -> switch (event) {
                case NOTES_RETURNED -> DONE;
                case RETURN_FAILED -> EXCEPTION;
                default -> null;
            };
            case RETURNING_UNANSWERED -> switch (event) {
                case NOTES_RETURNED -> REVERSING;
                case RETURN_FAILED -> EXCEPTION;
                case ADVICE_QUEUED -> ADVISING;
                default -> null;
            };
            case REVERSING -> event == SessionEvent.REVERSAL_ACKNOWLEDGED ? DONE : null;
            case ADVISING -> event == SessionEvent.ADVICE_ACKNOWLEDGED ? DONE : null;
            case EXCEPTION -> event == SessionEvent.EXCEPTION_RECORDED ? DONE : null;
            case POWER_OFF -> event == SessionEvent.POWER_RESTORED ? RECOVERING : null;
            case RECOVERING -> switch (event) {
                case NOTHING_TO_RECOVER -> DONE;
                case REVERSAL_QUEUED -> REVERSING;
                case ADVICE_QUEUED -> ADVISING;
                case RECONCILIATION_NEEDED -> EXCEPTION;
                default -> null;
            };
            case DONE -> null;
        };
        return Optional.ofNullable(next);
    }
}
