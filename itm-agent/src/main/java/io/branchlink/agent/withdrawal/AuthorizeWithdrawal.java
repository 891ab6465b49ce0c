package io.branchlink.agent.withdrawal;

import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.link.IsoHostLink.Authorization;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.BeginTransaction;
import io.branchlink.agent.transaction.SendReversal;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals {@code AUTH_REQUESTED}, sends the 0200 and goes on only when the hub approves: a timeout is reversed
 * (the hub may have approved), a decline or a 0200 that never left ends the visit with nothing moved.
 */
final class AuthorizeWithdrawal implements Step<WithdrawalContext> {

    private static final Logger log = LoggerFactory.getLogger(AuthorizeWithdrawal.class);

    private final TransactionServices services;
    private final BeginTransaction begin;
    private final DeclineWithdrawal decline;
    private final SendReversal reversal;

    AuthorizeWithdrawal(TransactionServices services, BeginTransaction begin, DeclineWithdrawal decline,
            SendReversal reversal) {
        this.services = services;
        this.begin = begin;
        this.decline = decline;
        this.reversal = reversal;
    }

    @Override
    public Optional<TransactionEnd> run(WithdrawalContext withdrawal) {
        FinancialRequest request = begin.request(withdrawal.session, withdrawal.amount, withdrawal.token);
        withdrawal.request = request;
        JournalRecord base = new JournalRecord(withdrawal.session.txnId(), request.kind(), JournalStep.AUTH_REQUESTED,
                services.clock().instant(), request.stan(), request.amount().currencyCode(),
                request.amount().minorUnits(), null, null, request.transmittedAt(), request.localDateTime(),
                request.rrn(), null, null, null, null);
        services.journal().append(base);
        withdrawal.base = base;
        withdrawal.session.fire(SessionEvent.WITHDRAWAL_REQUESTED);
        services.show("AUTHORIZING", "Please wait", Map.of());

        Authorization answer = services.host().authorize(request, services.settings().hostTimeout());
        if (answer instanceof Authorization.TimedOut) {
            services.journal().append(base.next(JournalStep.AUTH_TIMED_OUT, services.clock().instant()));
            withdrawal.session.fire(SessionEvent.HOST_TIMED_OUT);
            services.show("HOST_TIMEOUT", "The bank did not answer in time; no money was taken", Map.of());
            return Optional.of(reversal.reverse(withdrawal.session, base, withdrawal.zero(), "HOST_TIMEOUT"));
        }
        if (answer instanceof Authorization.NotSent notSent) {
            log.info("txn={} 0200 not sent: {}", withdrawal.session.txnId(), notSent.reason());
            JournalRecord notSentRecord = base.next(JournalStep.AUTH_NOT_SENT, services.clock().instant());
            return Optional.of(decline.decline(withdrawal, notSentRecord, Irc.HOST_UNREACHABLE,
                    "SERVICE_UNAVAILABLE", "The bank cannot be reached; please try again later", Map.of()));
        }
        FinancialResponse response = ((Authorization.Answered) answer).response();
        if (!response.responseCode().approved()) {
            JournalRecord declined = base.next(JournalStep.AUTH_DECLINED, services.clock().instant())
                    .withResponseCode(response.responseCode().code());
            return Optional.of(decline.decline(withdrawal, declined,
                    services.responseCodes().irc(response.responseCode()), "DECLINED",
                    "Sorry, the transaction was declined", Map.of("reason", response.responseCode().customerReason())));
        }
        services.journal().append(base.next(JournalStep.AUTH_APPROVED, services.clock().instant())
                .withResponseCode(response.responseCode().code()));
        withdrawal.session.fire(SessionEvent.APPROVED);
        services.show("DISPENSING", "Counting your cash", Map.of("amount", withdrawal.amount.toString()));
        return Optional.empty();
    }
}
