package io.branchlink.agent.deposit;

import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.link.IsoHostLink.Authorization;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.rc.Irc;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the 0200 and goes on only when the hub approves; otherwise the notes go back, and after a timeout (the hub
 * may have credited) the deposit is reversed as well.
 */
final class AuthorizeDeposit implements Step<DepositContext> {

    private static final Logger log = LoggerFactory.getLogger(AuthorizeDeposit.class);

    private final TransactionServices services;
    private final ReturnNotes returnNotes;

    AuthorizeDeposit(TransactionServices services, ReturnNotes returnNotes) {
        this.services = services;
        this.returnNotes = returnNotes;
    }

    @Override
    public Optional<TransactionEnd> run(DepositContext deposit) {
        Authorization answer = services.host().authorize(deposit.request, services.settings().hostTimeout());
        if (answer instanceof Authorization.TimedOut) {
            services.journal().append(deposit.base.next(JournalStep.AUTH_TIMED_OUT, services.clock().instant()));
            deposit.session.fire(SessionEvent.HOST_TIMED_OUT);
            return Optional.of(returnNotes.giveBack(deposit, Result.REVERSAL_PENDING, Irc.HOST_UNREACHABLE,
                    "HOST_TIMEOUT"));
        }
        if (answer instanceof Authorization.NotSent notSent) {
            log.info("deposit txn={} not sent: {}", deposit.session.txnId(), notSent.reason());
            services.journal().append(deposit.base.next(JournalStep.AUTH_NOT_SENT, services.clock().instant()));
            deposit.session.fire(SessionEvent.DECLINED);
            return Optional.of(returnNotes.giveBack(deposit, Result.DECLINED, Irc.HOST_UNREACHABLE,
                    "SERVICE_UNAVAILABLE"));
        }
        FinancialResponse response = ((Authorization.Answered) answer).response();
        if (!response.responseCode().approved()) {
            services.journal().append(deposit.base.next(JournalStep.AUTH_DECLINED, services.clock().instant())
                    .withResponseCode(response.responseCode().code()));
            deposit.session.fire(SessionEvent.DECLINED);
            return Optional.of(returnNotes.giveBack(deposit, Result.DECLINED,
                    services.responseCodes().irc(response.responseCode()), "DECLINED"));
        }
        services.journal().append(deposit.base.next(JournalStep.AUTH_APPROVED, services.clock().instant())
                .withResponseCode(response.responseCode().code()));
        deposit.session.fire(SessionEvent.APPROVED);
        return Optional.empty();
    }
}
