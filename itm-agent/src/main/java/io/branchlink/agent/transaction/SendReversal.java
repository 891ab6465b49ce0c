package io.branchlink.agent.transaction;

import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.session.Session;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.util.Objects;

/**
 * In {@code REVERSING}: journals the 0420, lets the forwarder send it and waits briefly for the 0430; without it in
 * time the reversal stays queued and the forwarder keeps retrying.
 */
public final class SendReversal {

    private final TransactionServices services;
    private final EndTransaction end;

    public SendReversal(TransactionServices services, EndTransaction end) {
        this.services = Objects.requireNonNull(services, "services");
        this.end = Objects.requireNonNull(end, "end");
    }

    /** @param delivered what the customer actually got (withdrawal) or the bank actually kept (deposit) */
    public TransactionEnd reverse(Session session, JournalRecord base, Money delivered, String screenId) {
        services.endings().queueReversal(base, delivered);
        services.forwarder().kick();
        if (services.forwarder().awaitSettled(base.txnId(), services.settings().reversalWait())) {
            session.fire(SessionEvent.REVERSAL_ACKNOWLEDGED);
            return end.end(base, Result.REVERSED, Irc.APPROVED, delivered, screenId);
        }
        return end.end(base, Result.REVERSAL_PENDING, Irc.HOST_UNREACHABLE, delivered, screenId);
    }
}
