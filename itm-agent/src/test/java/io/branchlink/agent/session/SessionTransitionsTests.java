package io.branchlink.agent.session;

import static io.branchlink.agent.session.SessionEvent.*;
import static io.branchlink.agent.session.SessionState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (state, event) pair: the allowed ones reach the state this table expects, all others are rejected. */
class SessionTransitionsTests {

    /** The expected table, written out independently of the switch it checks (docs/itm-agent.md). */
    private static final Map<SessionState, Map<SessionEvent, SessionState>> EXPECTED = new EnumMap<>(SessionState.class);

    static {
        allow(IDLE, TOKEN_SCANNED, TOKEN_READ);
        allow(TOKEN_READ, WITHDRAWAL_REQUESTED, AUTHORIZING);
        allow(TOKEN_READ, CASH_IN_STARTED, COUNTING);
        allow(TOKEN_READ, TOKEN_REJECTED, DONE);
        allow(AUTHORIZING, APPROVED, DISPENSING);
        allow(AUTHORIZING, SessionEvent.DECLINED, SessionState.DECLINED);
        allow(AUTHORIZING, HOST_TIMED_OUT, REVERSING);
        allow(DISPENSING, CASH_STACKED, PRESENTING);
        allow(DISPENSING, NOTHING_STACKED, REVERSING);
        allow(PRESENTING, CASH_TAKEN, TAKEN);
        allow(PRESENTING, CASH_NOT_TAKEN, RETRACTING);
        allow(PRESENTING, PRESENT_FAILED, RETRACTING);
        allow(TAKEN, FULL_AMOUNT_DELIVERED, DONE);
        allow(TAKEN, SHORT_AMOUNT_DELIVERED, REVERSING);
        allow(RETRACTING, CASH_RETRACTED, REVERSING);
        allow(RETRACTING, RETRACT_FAILED, EXCEPTION);
        allow(SessionState.DECLINED, CUSTOMER_INFORMED, DONE);
        allow(COUNTING, NOTES_COUNTED, CONFIRMING);
        allow(COUNTING, NO_NOTES_ACCEPTED, DONE);
        allow(CONFIRMING, CUSTOMER_CONFIRMED, AUTHORIZING_DEPOSIT);
        allow(CONFIRMING, CUSTOMER_CANCELLED, RETURNING);
        allow(AUTHORIZING_DEPOSIT, APPROVED, STORING);
        allow(AUTHORIZING_DEPOSIT, SessionEvent.DECLINED, RETURNING);
        allow(AUTHORIZING_DEPOSIT, HOST_TIMED_OUT, RETURNING_UNANSWERED);
        allow(STORING, NOTES_STORED, DONE);
        allow(STORING, STORE_FAILED, EXCEPTION);
        allow(RETURNING, NOTES_RETURNED, DONE);
        allow(RETURNING, RETURN_FAILED, EXCEPTION);
        allow(RETURNING_UNANSWERED, NOTES_RETURNED, REVERSING);
        allow(RETURNING_UNANSWERED, RETURN_FAILED, EXCEPTION);
        allow(RETURNING_UNANSWERED, ADVICE_QUEUED, ADVISING);
        allow(REVERSING, REVERSAL_ACKNOWLEDGED, DONE);
        allow(ADVISING, ADVICE_ACKNOWLEDGED, DONE);
        allow(EXCEPTION, EXCEPTION_RECORDED, DONE);
        allow(POWER_OFF, POWER_RESTORED, RECOVERING);
        allow(RECOVERING, NOTHING_TO_RECOVER, DONE);
        allow(RECOVERING, REVERSAL_QUEUED, REVERSING);
        allow(RECOVERING, ADVICE_QUEUED, ADVISING);
        allow(RECOVERING, RECONCILIATION_NEEDED, EXCEPTION);
        for (SessionState state : SessionState.values()) {
            if (state != DONE && state != POWER_OFF) {
                allow(state, POWER_LOST, POWER_OFF);
            }
        }
    }

    private static void allow(SessionState from, SessionEvent event, SessionState to) {
        EXPECTED.computeIfAbsent(from, s -> new EnumMap<>(SessionEvent.class)).put(event, to);
    }

    static Stream<Arguments> allowedPairs() {
        List<Arguments> pairs = new ArrayList<>();
        EXPECTED.forEach((from, events) -> events.forEach((event, to) -> pairs.add(Arguments.of(from, event, to))));
        return pairs.stream();
    }

    static Stream<Arguments> rejectedPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (SessionState state : SessionState.values()) {
            for (SessionEvent event : SessionEvent.values()) {
                if (!EXPECTED.getOrDefault(state, Map.of()).containsKey(event)) {
                    pairs.add(Arguments.of(state, event));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("allowedPairs")
    void allowedPairReachesTheExpectedState(SessionState from, SessionEvent event, SessionState to) {
        assertThat(SessionTransitions.transition(from, event)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @MethodSource("rejectedPairs")
    void everyOtherPairIsRejected(SessionState state, SessionEvent event) {
        assertThat(SessionTransitions.next(state, event)).isEmpty();
        assertThatThrownBy(() -> SessionTransitions.transition(state, event))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(state.name()).hasMessageContaining(event.name());
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @MethodSource("illegalMovesThatWouldLoseCash")
    void rejectsMovesThatWouldSkipTheCashHandling(SessionState state, SessionEvent event) {
        assertThatThrownBy(() -> SessionTransitions.transition(state, event))
                .isInstanceOf(IllegalTransitionException.class);
    }

    /** Pairs that, if allowed, would end a session without the cash or the host being dealt with. */
    static Stream<Arguments> illegalMovesThatWouldLoseCash() {
        return Stream.of(
                Arguments.of(AUTHORIZING, FULL_AMOUNT_DELIVERED),
                Arguments.of(DISPENSING, CASH_TAKEN),
                Arguments.of(PRESENTING, FULL_AMOUNT_DELIVERED),
                Arguments.of(RETRACTING, REVERSAL_ACKNOWLEDGED),
                Arguments.of(REVERSING, NOTHING_TO_RECOVER),
                Arguments.of(STORING, NOTES_RETURNED),
                Arguments.of(CONFIRMING, APPROVED),
                Arguments.of(EXCEPTION, NOTHING_TO_RECOVER),
                Arguments.of(DONE, POWER_LOST),
                Arguments.of(POWER_OFF, POWER_LOST));
    }

    @Test
    void walksAWithdrawalWhoseCashWasNotTakenToDoneThroughTheReversal() {
        Session session = new Session("T3", io.branchlink.protocol.iso8583.TransactionKind.WITHDRAWAL);
        List<SessionState> states = new ArrayList<>();
        for (SessionEvent e : List.of(TOKEN_SCANNED, WITHDRAWAL_REQUESTED, APPROVED, CASH_STACKED, CASH_NOT_TAKEN,
                CASH_RETRACTED, REVERSAL_ACKNOWLEDGED)) {
            states.add(session.fire(e));
        }
        assertThat(states).containsExactly(TOKEN_READ, AUTHORIZING, DISPENSING, PRESENTING, RETRACTING, REVERSING,
                DONE);
    }

    @Test
    void walksADepositWhoseHostDidNotAnswerThroughTheReturnToTheReversal() {
        Session session = new Session("T4", io.branchlink.protocol.iso8583.TransactionKind.DEPOSIT);
        for (SessionEvent e : List.of(TOKEN_SCANNED, CASH_IN_STARTED, NOTES_COUNTED, CUSTOMER_CONFIRMED,
                HOST_TIMED_OUT, NOTES_RETURNED)) {
            session.fire(e);
        }
        assertThat(session.state()).isEqualTo(REVERSING);
    }

    @Test
    void walksAnApprovedWithdrawalToDone() {
        Session session = new Session("T1", io.branchlink.protocol.iso8583.TransactionKind.WITHDRAWAL);
        for (SessionEvent e : List.of(TOKEN_SCANNED, WITHDRAWAL_REQUESTED, APPROVED, CASH_STACKED, CASH_TAKEN,
                FULL_AMOUNT_DELIVERED)) {
            session.fire(e);
        }
        assertThat(session.state()).isEqualTo(DONE);
    }

    @Test
    void sessionStaysPutOnARejectedEvent() {
        Session session = new Session("T2", io.branchlink.protocol.iso8583.TransactionKind.DEPOSIT);
        session.fire(TOKEN_SCANNED);
        assertThatThrownBy(() -> session.fire(APPROVED)).isInstanceOf(IllegalTransitionException.class);
        assertThat(session.state()).isEqualTo(TOKEN_READ);
    }
}
