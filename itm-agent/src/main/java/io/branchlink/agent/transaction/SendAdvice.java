package io.branchlink.agent.transaction;

import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.Session;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.util.Objects;

/**
 * In {@code ADVISING}: the deposit's notes were kept and no 0210 came, so journals the 0220, lets the forwarder send
 * it and waits briefly for the 0230; without it in time the advice stays queued and the forwarder keeps repeating
 * it. An 0230 with {@code 00} ends the visit credited; a refusal leaves the notes on an exception record.
 */
public final class SendAdvice {

    private final TransactionServices services;
    private final EndTransaction end;

    public SendAdvice(TransactionServices services, EndTransaction end) {
        this.services = Objects.requireNonNull(services, "services");
        this.end = Objects.requireNonNull(end, "end");
    }

    /**
     * The kept notes are the bank's from now on: they leave the escrow for the cassette, so the next customer's count
     * starts empty. A store that fails leaves them in the escrow, still inside the machine and advised.
     */
    private void keepInTheCassette() {
        if (!services.acceptor().escrow().isEmpty() && services.acceptor().store().outcome().success()) {
            services.publishCashUnits();
        }
    }

    /** @param kept what the ITM kept: the notes counted into escrow that could not be given back */
    public TransactionEnd advise(Session session, JournalRecord base, Money kept, String token, String screenId) {
        services.endings().queueAdvice(base, kept, token);
        session.fire(SessionEvent.ADVICE_QUEUED);
        keepInTheCassette();
        services.forwarder().kick();
        if (!services.forwarder().awaitSettled(base.txnId(), services.settings().reversalWait())) {
            return end.end(base, Result.ADVICE_PENDING, Irc.HOST_UNREACHABLE, kept, screenId);
        }
        session.fire(SessionEvent.ADVICE_ACKNOWLEDGED);
        boolean credited = services.journal().records(base.txnId()).stream()
                .filter(r -> r.step() == JournalStep.ADVICE_ACKNOWLEDGED)
                .anyMatch(r -> IsoResponseCode.APPROVED.code().equals(r.responseCode()));
        return credited ? end.end(base, Result.COMPLETED, Irc.APPROVED, kept, screenId)
                : end.end(base, Result.EXCEPTION, Irc.SYSTEM_ERROR, kept, screenId);
    }
}
