package io.branchlink.agent.journal;

import static io.branchlink.agent.journal.RecoveryRule.*;

import io.branchlink.protocol.iso8583.TransactionKind;

/**
 * The recovery table: for a transaction kind and the last step journaled before the power went, the rule recovery
 * follows (docs/itm-agent.md, "Recovery"). Every pair has exactly one rule.
 *
 * @see io.branchlink.agent.journal.RecoveryRulesTests
 */
final class RecoveryRules {

    private RecoveryRules() {
    }

    static RecoveryRule ruleFor(TransactionKind kind, JournalStep last) {
        return switch (kind) {
            case WITHDRAWAL -> withdrawal(last);
            case DEPOSIT -> deposit(last);
        };
    }

    private static RecoveryRule withdrawal(JournalStep last) {
        return switch (last) {
            case REVERSAL_QUEUED -> RESEND_REVERSAL;
            case REVERSAL_ACKNOWLEDGED -> COMPLETE_AS_REVERSED;
            case EXCEPTION_RECORDED -> COMPLETE_AS_RECORDED;
            case AUTH_DECLINED, AUTH_NOT_SENT -> COMPLETE_WITH_NOTHING_MOVED;
            case AUTH_REQUESTED, AUTH_APPROVED, AUTH_TIMED_OUT -> REVERSE_IN_FULL;
            default -> COUNT_WHAT_WAS_DISPENSED;
        };
    }

    private static RecoveryRule deposit(JournalStep last) {
        return switch (last) {
            case REVERSAL_QUEUED -> RESEND_REVERSAL;
            case REVERSAL_ACKNOWLEDGED -> COMPLETE_AS_REVERSED;
            case ADVICE_QUEUED -> RESEND_ADVICE;
            case ADVICE_ACKNOWLEDGED -> COMPLETE_AS_ADVISED;
            case DONE_STORE -> COMPLETE_WITH_AMOUNT;
            case EXCEPTION_RECORDED -> COMPLETE_AS_RECORDED;
            case STORE_FAILED -> RECORD_JAMMED_STORE;
            case RETURN_FAILED -> RECORD_NOTES_NOT_RETURNED;
            default -> SETTLE_ESCROW;
        };
    }
}
