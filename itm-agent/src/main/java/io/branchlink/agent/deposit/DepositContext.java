package io.branchlink.agent.deposit;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.session.Session;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.money.Money;

/** One deposit as its steps fill it in: the notes counted, the 0200, the journal's base record. */
final class DepositContext {

    final Session session;
    final String token;
    NoteMix counted;
    int suspectNotesReturned;
    Money amount;
    FinancialRequest request;
    /** The journal's {@code CASH_COUNTED} record: every later record of the transaction copies it. */
    JournalRecord base;

    DepositContext(Session session, String token) {
        this.session = session;
        this.token = token;
    }
}
