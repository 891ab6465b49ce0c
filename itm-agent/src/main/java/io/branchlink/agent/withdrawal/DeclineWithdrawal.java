package io.branchlink.agent.withdrawal;

import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.EndTransaction;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;

/** In {@code DECLINED}: no cash moved, so the transaction is complete once the customer is told why. */
final class DeclineWithdrawal {

    private final TransactionServices services;
    private final EndTransaction end;

    DeclineWithdrawal(TransactionServices services, EndTransaction end) {
        this.services = services;
        this.end = end;
    }

    /** @param answer the journal record of the hub's answer ({@code AUTH_DECLINED} or {@code AUTH_NOT_SENT}) */
    TransactionEnd decline(WithdrawalContext withdrawal, JournalRecord answer, Irc irc, String screenId,
            String message, Map<String, String> details) {
        services.journal().append(answer);
        services.endings().complete(withdrawal.base, withdrawal.zero());
        withdrawal.session.fire(SessionEvent.DECLINED);
        services.show(screenId, message, details);
        withdrawal.session.fire(SessionEvent.CUSTOMER_INFORMED);
        return end.end(withdrawal.base, Result.DECLINED, irc, withdrawal.zero(), screenId);
    }
}
