package io.branchlink.channel.terminal.internal;

import io.branchlink.channel.cardless.CardlessToken;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.protocol.hubapi.Decision;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks the risk engine about a terminal transaction before any money moves, and tells it once the approval has
 * committed. A DENY declines with {@link Irc#RISK_DECLINED} (field 39 = 59). The ITM cannot ask the customer for a
 * second factor, so a STEP_UP declines a withdrawal as a DENY does; a deposit, which only pays into the token's
 * account, goes on after a STEP_UP (logged). A decline is recorded on the transaction key, so a repeated request
 * gets it again without a second decision.
 *
 * @see io.branchlink.channel.terminal.TerminalRiskIntegrationTests
 */
@Component
public class TerminalRisk {

    private static final Logger log = LoggerFactory.getLogger(TerminalRisk.class);

    private final RiskEngine engine;
    private final TerminalTransactions transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    TerminalRisk(RiskEngine engine, TerminalTransactions transactions, MeterRegistry meters, Clock clock) {
        this.engine = engine;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * The question about a token's customer at this terminal: the token's account and staging phone, the amount
     * at hand and the terminal's branch.
     */
    public RiskRequest request(RiskAction action, CardlessToken token, Money amount, Terminal terminal) {
        return new RiskRequest(action, token.customerId(), token.deviceId(), token.accountId(), amount, null,
                new RiskLocation(null, null, terminal.branchId()), RiskChannel.ITM, null,
                RiskSignals.token(token.createdAt()));
    }

    /**
     * Asks the engine (which stores its decision) and, on a DENY or a STEP_UP that {@code stepUpDeclines}, records
     * the decline of the claimed key.
     *
     * @param stepUpDeclines true when money leaves the customer's account, so that a second factor the ITM cannot
     *     ask for is a decline
     * @return the decline to answer, or empty when the transaction may go on
     */
    public Optional<Decision> decline(TerminalTransactionKey key, RiskRequest request, boolean stepUpDeclines) {
        RiskDecision decision = engine.decide(request);
        if (decision.outcome() == RiskDecision.Outcome.ALLOW) {
            return Optional.empty();
        }
        if (decision.outcome() == RiskDecision.Outcome.STEP_UP && !stepUpDeclines) {
            log.info("risk step-up not applied key={} action={} decision={} rule={}: nothing leaves the account",
                    key.reference(), request.action(), decision.id(), rule(decision));
            return Optional.empty();
        }
        meters.counter("branchlink.terminal.risk.declines", "action", request.action().name(), "outcome",
                decision.outcome().name()).increment();
        return Optional.of(transactions.decline(key, Irc.RISK_DECLINED, "Declined by risk checks (decision "
                + decision.id() + ", " + decision.outcome() + ", rule " + rule(decision) + ")."));
    }

    private static String rule(RiskDecision decision) {
        return decision.reasons().isEmpty() ? "-" : decision.reasons().get(0).ruleId();
    }

    /** Tells the engine about the approved transaction once its database transaction has committed. */
    public void approved(RiskRequest request) {
        engine.recordAfterCommit(RiskEvent.of(request, clock.instant()));
    }
}
