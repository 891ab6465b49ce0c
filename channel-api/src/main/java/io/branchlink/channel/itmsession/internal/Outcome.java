package io.branchlink.channel.itmsession.internal;

import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where a claimed session is for the phone, read from its cardless token and the terminal transaction that used it.
 *
 * @param state WAITING_FOR_ITM, DISPENSED, CREDITED, DECLINED or EXPIRED
 * @param amount the amount asked for (a withdrawal), or null (a deposit)
 * @param completedAmount what was dispensed or credited, once known
 * @param reason the terminal's decline code (an {@code Irc} name), for DECLINED
 */
record Outcome(String sessionId, String terminalId, String kind, String state, BigDecimal amount,
        BigDecimal completedAmount, String currency, String reason, Instant expiresAt) {

    static Outcome of(Session session, String tokenStatus, String currency, Instant tokenExpiresAt, String transactionOutcome,
            Long completed, Long reversed) {
        String state;
        Long done = null;
        String reason = null;
        boolean approved = "APPROVED".equals(transactionOutcome);
        if ("USED".equals(tokenStatus) && approved) {
            done = completed == null ? null : completed - (reversed == null ? 0 : reversed);
            if (done != null && done == 0) {
                state = "DECLINED";
                reason = "REVERSED";
            } else {
                state = "WITHDRAWAL".equals(session.kind()) ? "DISPENSED" : "CREDITED";
            }
        } else if ("ACTIVE".equals(tokenStatus) && transactionOutcome == null) {
            state = "WAITING_FOR_ITM";
        } else if (transactionOutcome != null && !approved) {
            state = "DECLINED";
            reason = transactionOutcome;
        } else {
            state = "EXPIRED";
        }
        return new Outcome(session.sessionId(), session.terminalId(), session.kind(), state,
                decimal(session.amount(), currency), decimal(done, currency), currency,
                reason, tokenExpiresAt);
    }

    private static BigDecimal decimal(Long minor, String currency) {
        return minor == null || currency == null ? null : Money.ofMinor(minor, currency).toDecimal();
    }
}
