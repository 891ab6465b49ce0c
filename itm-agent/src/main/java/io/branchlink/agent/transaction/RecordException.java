package io.branchlink.agent.transaction;

import io.branchlink.agent.journal.ExceptionCause;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.session.Session;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.rc.Irc;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In {@code EXCEPTION}: journals cash the agent cannot account for, tells the hub, and ends the visit; a deposit the
 * host credited still ends approved.
 */
public final class RecordException {

    private static final Logger log = LoggerFactory.getLogger(RecordException.class);

    private final TransactionServices services;
    private final EndTransaction end;

    public RecordException(TransactionServices services, EndTransaction end) {
        this.services = Objects.requireNonNull(services, "services");
        this.end = Objects.requireNonNull(end, "end");
    }

    public TransactionEnd record(Session session, JournalRecord base, Money kept, ExceptionCause cause,
            String screenId) {
        String note = services.endings().recordException(base, kept, cause, kept);
        session.fire(SessionEvent.EXCEPTION_RECORDED);
        log.warn("exception record txn={} kind={} stan={} amount={} why={}", base.txnId(), base.kind(), base.stan(),
                kept, note);
        services.events().accept(DeviceFaulted.of("AGENT", "EXCEPTION_RECORD", "txn " + base.txnId() + ": " + note,
                services.clock().instant()));
        return end.end(base, Result.EXCEPTION, cause.credited() ? Irc.APPROVED : Irc.SYSTEM_ERROR, kept, screenId);
    }
}
