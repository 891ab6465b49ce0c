package io.branchlink.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.iso8583.TransactionKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The recovery table, pair by pair: the rule recovery follows for a kind and the last step on the disk. */
class RecoveryRulesTests {

    @Nested
    class Withdrawal {

        @ParameterizedTest(name = "last step {0} -> {1}")
        @CsvSource({
            "AUTH_REQUESTED,        REVERSE_IN_FULL",
            "AUTH_APPROVED,         REVERSE_IN_FULL",
            "AUTH_TIMED_OUT,        REVERSE_IN_FULL",
            "AUTH_DECLINED,         COMPLETE_WITH_NOTHING_MOVED",
            "AUTH_NOT_SENT,         COMPLETE_WITH_NOTHING_MOVED",
            "INTENT_DISPENSE,       COUNT_WHAT_WAS_DISPENSED",
            "DONE_DISPENSE,         COUNT_WHAT_WAS_DISPENSED",
            "DONE_PRESENT,          COUNT_WHAT_WAS_DISPENSED",
            "CASH_TAKEN,            COUNT_WHAT_WAS_DISPENSED",
            "CASH_NOT_TAKEN,        COUNT_WHAT_WAS_DISPENSED",
            "DONE_RETRACT,          COUNT_WHAT_WAS_DISPENSED",
            "REVERSAL_QUEUED,       RESEND_REVERSAL",
            "REVERSAL_ACKNOWLEDGED, COMPLETE_AS_REVERSED",
            "EXCEPTION_RECORDED,    COMPLETE_AS_RECORDED",
        })
        void followsTheRuleForTheLastStep(JournalStep last, RecoveryRule rule) {
            assertThat(RecoveryRules.ruleFor(TransactionKind.WITHDRAWAL, last)).isEqualTo(rule);
        }
    }

    @Nested
    class Deposit {

        @ParameterizedTest(name = "last step {0} -> {1}")
        @CsvSource({
            "CASH_COUNTED,          SETTLE_ESCROW",
            "AUTH_REQUESTED,        SETTLE_ESCROW",
            "AUTH_TIMED_OUT,        SETTLE_ESCROW",
            "AUTH_APPROVED,         SETTLE_ESCROW",
            "INTENT_STORE,          SETTLE_ESCROW",
            "INTENT_RETURN,         SETTLE_ESCROW",
            "DONE_STORE,            COMPLETE_WITH_AMOUNT",
            "STORE_FAILED,          RECORD_JAMMED_STORE",
            "RETURN_FAILED,         RECORD_NOTES_NOT_RETURNED",
            "ADVICE_QUEUED,         RESEND_ADVICE",
            "ADVICE_ACKNOWLEDGED,   COMPLETE_AS_ADVISED",
            "REVERSAL_QUEUED,       RESEND_REVERSAL",
            "REVERSAL_ACKNOWLEDGED, COMPLETE_AS_REVERSED",
            "EXCEPTION_RECORDED,    COMPLETE_AS_RECORDED",
        })
        void followsTheRuleForTheLastStep(JournalStep last, RecoveryRule rule) {
            assertThat(RecoveryRules.ruleFor(TransactionKind.DEPOSIT, last)).isEqualTo(rule);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = JournalStep.class, names = {"AUTH_REQUESTED", "AUTH_APPROVED", "AUTH_TIMED_OUT"})
    void anUnansweredOrApprovedWithdrawalIsReversedWhereADepositSettlesItsEscrowFirst(JournalStep last) {
        assertThat(RecoveryRules.ruleFor(TransactionKind.WITHDRAWAL, last)).isEqualTo(RecoveryRule.REVERSE_IN_FULL);
        assertThat(RecoveryRules.ruleFor(TransactionKind.DEPOSIT, last)).isEqualTo(RecoveryRule.SETTLE_ESCROW);
    }
}
