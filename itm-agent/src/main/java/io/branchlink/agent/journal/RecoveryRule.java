package io.branchlink.agent.journal;

/** What recovery does with an unfinished transaction, chosen by {@link RecoveryRules} from its last journal step. */
enum RecoveryRule {
    /** An 0420 already waits for its 0430: the forwarder resends it as it is. */
    RESEND_REVERSAL,
    /** The 0430 came back: complete with what the queued reversal said was delivered. */
    COMPLETE_AS_REVERSED,
    /** An 0220 already waits for its 0230: the forwarder resends it as it is. */
    RESEND_ADVICE,
    /** The 0230 came back: complete with the amount kept when it credited, an exception record when it refused. */
    COMPLETE_AS_ADVISED,
    /** The exception record is on the disk: complete with what it says was kept. */
    COMPLETE_AS_RECORDED,
    /** The host said no or never saw the 0200: complete with nothing moved. */
    COMPLETE_WITH_NOTHING_MOVED,
    /** The notes reached the cassette: complete with the counted amount. */
    COMPLETE_WITH_AMOUNT,
    /** The host may have approved and no cash moved: reverse in full. */
    REVERSE_IN_FULL,
    /** A dispense may have begun: clear the transport, then let the counters decide (complete, reverse, exception). */
    COUNT_WHAT_WAS_DISPENSED,
    /** Notes of an approved deposit jammed on store: exception, kept and credited. */
    RECORD_JAMMED_STORE,
    /** Deposit notes could not be given back: advise them when the host never answered, otherwise exception. */
    RECORD_NOTES_NOT_RETURNED,
    /**
     * Notes may be in escrow: store them when the host approved, return them otherwise (and reverse if unanswered);
     * notes of an unanswered deposit that cannot be returned are advised.
     */
    SETTLE_ESCROW
}
