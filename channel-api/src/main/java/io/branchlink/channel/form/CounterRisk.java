package io.branchlink.channel.form;

import io.branchlink.channel.form.internal.action.CounterAction;
import io.branchlink.channel.form.internal.action.CounterActions;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Asks the risk engine about a confirmed counter form before its business runs: {@code FORM_EXECUTION} always, and
 * {@code PHONE_CHANGE} as well when the form names a new mobile number. A DENY refuses the execution. A STEP_UP is
 * satisfied by the teller, who checked the customer's ID in person before confirming: the execution goes on, and
 * the log and the execution's result say so. Once an execution has committed, the engine is told.
 *
 * @see io.branchlink.channel.form.FormRiskIntegrationTests
 */
@Component
class CounterRisk {

    /** The execution result's key naming the risk decision that a STEP_UP or DENY came from. */
    static final String DECISION = "riskDecision";
    /** The execution result's key saying how a STEP_UP was satisfied. */
    static final String SECOND_FACTOR = "secondFactor";
    static final String ID_CHECKED_AT_COUNTER = "ID_CHECKED_AT_COUNTER";

    private static final Logger log = LoggerFactory.getLogger(CounterRisk.class);

    private final RiskEngine engine;
    private final CounterActions actions;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    CounterRisk(RiskEngine engine, CounterActions actions, JdbcClient jdbc, MeterRegistry meters) {
        this.engine = engine;
        this.actions = actions;
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** The questions about a confirmed form at the counter of {@code ctx.branchId()}. */
    List<RiskRequest> questions(CounterAction.Context ctx) {
        CounterAction.Movement movement = actions.movement(ctx);
        UUID accountId = movement.accountNumber() == null ? null : jdbc.sql("""
                        select id from accounts where account_number = ? and customer_id = ? and kind = 'CUSTOMER'
                        """)
                .params(movement.accountNumber(), ctx.customerId())
                .query(UUID.class)
                .optional()
                .orElse(null);
        Money amount = amount(movement);
        RiskLocation counter = new RiskLocation(null, null, ctx.branchId());
        List<RiskRequest> questions = new ArrayList<>();
        questions.add(new RiskRequest(RiskAction.FORM_EXECUTION, ctx.customerId(), null, accountId, amount,
                movement.counterparty(), counter, RiskChannel.COUNTER, null));
        if (actions.changesPhone(ctx)) {
            questions.add(new RiskRequest(RiskAction.PHONE_CHANGE, ctx.customerId(), null, null, null, null, counter,
                    RiskChannel.COUNTER, null));
        }
        return questions;
    }

    /**
     * Asks each question in turn (each decision is stored by the engine); the first DENY ends the asking.
     *
     * @param draftId the form, for the log
     */
    Verdict ask(List<RiskRequest> questions, UUID draftId) {
        RiskDecision steppedUp = null;
        for (RiskRequest question : questions) {
            RiskDecision decision = engine.decide(question);
            if (decision.outcome() == RiskDecision.Outcome.DENY) {
                meters.counter("branchlink.form.risk.refusals", "action", question.action().name()).increment();
                log.info("form refused by risk checks draft={} action={} decision={} rule={}", draftId,
                        question.action(), decision.id(), rule(decision));
                return new Verdict(decision, null);
            }
            if (decision.outcome() == RiskDecision.Outcome.STEP_UP && steppedUp == null) {
                steppedUp = decision;
            }
        }
        if (steppedUp != null) {
            meters.counter("branchlink.form.risk.step-ups", "satisfiedBy", ID_CHECKED_AT_COUNTER).increment();
            log.info("risk step-up satisfied by the teller's ID check draft={} action={} decision={} rule={}",
                    draftId, steppedUp.action(), steppedUp.id(), rule(steppedUp));
        }
        return new Verdict(null, steppedUp);
    }

    /**
     * Tells the engine, once the execution has committed, that the form was executed, and that the phone number
     * changed when the business says it did.
     */
    void executed(List<RiskRequest> questions, Map<String, String> result, Instant at) {
        for (RiskRequest question : questions) {
            if (question.action() != RiskAction.PHONE_CHANGE || "CHANGED".equals(result.get("mobile"))) {
                engine.recordAfterCommit(RiskEvent.of(question, at));
            }
        }
    }

    /** The amount as typed; one that cannot be read is left out here and refused by the business. */
    private static Money amount(CounterAction.Movement movement) {
        if (movement.amount() == null || movement.currency() == null) {
            return null;
        }
        try {
            return Money.parse(movement.amount(), movement.currency());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String rule(RiskDecision decision) {
        return decision.reasons().isEmpty() ? "-" : decision.reasons().get(0).ruleId();
    }

    /**
     * The engine's verdict on a form.
     *
     * @param refusal the DENY that refuses the execution, or null
     * @param steppedUp a STEP_UP that the teller's ID check satisfied, or null
     */
    record Verdict(RiskDecision refusal, RiskDecision steppedUp) {
    }
}
