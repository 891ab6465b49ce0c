package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine: a held customer, device or account is denied at once ({@link RiskHolds}); otherwise features from the
 * in-memory state (rebuilt from the event table when the bean starts, then following the other nodes' events:
 * {@link RiskEventTail}) and the running rule set ({@link RuleSet#evaluate}) decide, and a deciding rule may place
 * holds. Every decision is stored and counted.
 *
 * @see RiskDefaultRulesTests
 * @see RiskIntegrationTests
 * @see RiskTailIntegrationTests
 */
@Service
class DefaultRiskEngine implements RiskEngine, AutoCloseable {

    /** The rule id of a decision denied by a hold, before any rule ran. */
    static final String HOLD_RULE = "hold";
    private static final Logger log = LoggerFactory.getLogger(DefaultRiskEngine.class);

    private final RiskStore store;
    private final CelRiskRules rules;
    private final FeatureCatalogue catalogue;
    private final FeatureState state;
    private final RiskHolds holds;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RiskEventTail.Tailer tail;

    DefaultRiskEngine(RiskStore store, RiskEventTail tail, CelRiskRules rules, FeatureCatalogue catalogue,
            RiskProperties properties, TrustProperties trust, RiskHolds holds, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.holds = holds;
        this.rules = rules;
        this.catalogue = catalogue;
        this.clock = clock;
        this.meters = meters;
        this.state = new FeatureState(catalogue, store::branchPosition, properties.coolOff(), properties.zone(),
                properties.largeAmount().doubleValue(), trust);
        long started = System.nanoTime();
        Instant from = clock.instant().minusMillis(Window.LONGEST.millis);
        this.tail = tail.follow(() -> replay(store, from, state), state::record, clock);
        long events = this.tail.loaded();
        log.info("risk feature state rebuilt from {} events in {} ms: {} keys", events,
                (System.nanoTime() - started) / 1_000_000, state.size());
    }

    /** Folds every stored event since {@code from} into {@code state} ({@link ReplayFold}); returns how many. */
    static long replay(RiskStore store, Instant from, FeatureState state) {
        try (ReplayFold fold = new ReplayFold(state)) {
            store.replay(from, fold::add);
            return fold.finish();
        }
    }

    @Override
    public RiskDecision decide(RiskRequest request) {
        // PostgreSQL keeps microseconds: the answered decision is the stored one
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RuleSet set = rules.active();
        List<RiskHold.Kind> held = holds.held(request, now);
        RiskDecision decision;
        if (!held.isEmpty()) {
            decision = held(request, now, held, set.version());
        } else {
            RuleSet.Verdict verdict = set.evaluate(state.features(request, now));
            decision = new RiskDecision(UUID.randomUUID(), now, request.customerId(), request.action(),
                    verdict.outcome(), verdict.trusted(), verdict.factors(), verdict.reasons(), inputs(request),
                    set.version(), verdict.skippedSecondFactor());
            if (verdict.hold() != null) {
                RiskDecision.Reason deciding = verdict.reasons().get(0);
                holds.placeByRule(deciding.ruleId(), deciding.description(), verdict.hold(), request, now);
            }
        }
        store.save(decision);
        count(decision);
        return decision;
    }

    /** DENY before any rule: the customer sees which kind of key is held, never the private reason. */
    private RiskDecision held(RiskRequest request, Instant now, List<RiskHold.Kind> held, String version) {
        Map<String, Double> kinds = new LinkedHashMap<>();
        held.forEach(kind -> kinds.put(kind.feature, 1.0));
        log.info("risk decision {} denied: {} on hold", request.action(), held);
        meters.counter("branchlink.risk.holds.denied", "action", request.action().name(), "kind",
                held.get(0).name()).increment();
        return new RiskDecision(UUID.randomUUID(), now, request.customerId(), request.action(),
                RiskDecision.Outcome.DENY, false, List.of(),
                List.of(new RiskDecision.Reason(HOLD_RULE, held.get(0).description, kinds)), inputs(request),
                version, false);
    }

    /** Decisions by outcome and trust, and how the second factor went, per action (docs/risk.md#metrics). */
    private void count(RiskDecision decision) {
        String action = decision.action().name();
        meters.counter("branchlink.risk.decisions", "action", action, "outcome", decision.outcome().name(),
                "trusted", String.valueOf(decision.trusted())).increment();
        meters.counter("branchlink.risk.second_factor", "action", action, "result",
                decision.secondFactor().name().toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void record(RiskEvent event) {
        long seq = tail.reserve();
        try {
            store.append(seq, event);
        } catch (RuntimeException e) {
            tail.failed(seq);
            throw e;
        }
        state.record(event);
    }

    @Override
    public void recordAfterCommit(RiskEvent event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record(event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record(event);
            }
        });
    }

    @Override
    public Map<String, Double> features(RiskRequest request) {
        return features(request, clock.instant());
    }

    /** The features at a given instant, so two engines can be compared on the same clock reading. */
    Map<String, Double> features(RiskRequest request, Instant at) {
        return state.features(request, at);
    }

    @Override
    public List<RiskDecision> decisions(UUID customerId, int limit) {
        return store.decisions(customerId, limit);
    }

    @Override
    public List<String> catalogue() {
        return catalogue.names();
    }

    /** Stops following the other nodes' events. */
    @PreDestroy
    @Override
    public void close() {
        tail.close();
    }

    /** What is stored of the request: no secrets, and the phone's position rounded to about a kilometre. */
    private static Map<String, Object> inputs(RiskRequest request) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("action", request.action().name());
        inputs.put("channel", request.channel().name());
        putIfPresent(inputs, "deviceId", request.deviceId());
        putIfPresent(inputs, "accountId", request.accountId() == null ? null : request.accountId().toString());
        if (request.amount() != null) {
            inputs.put("amount", request.amount().toDecimal().toPlainString());
            inputs.put("currency", request.amount().currencyCode());
        }
        putIfPresent(inputs, "counterparty", request.counterparty());
        RiskLocation location = request.location();
        if (location != null) {
            putIfPresent(inputs, "branchId", location.branchId());
            if (location.hasPosition()) {
                inputs.put("latitude", round(location.latitude()));
                inputs.put("longitude", round(location.longitude()));
            }
        }
        if (request.customerAge() != null) {
            inputs.put("customerAge", request.customerAge());
        }
        if (request.signals().rooted() != null) {
            inputs.put("rooted", request.signals().rooted());
        }
        if (request.signals().emulator() != null) {
            inputs.put("emulator", request.signals().emulator());
        }
        if (request.signals().tokenIssuedAt() != null) {
            inputs.put("tokenIssuedAt", request.signals().tokenIssuedAt().toString());
        }
        return inputs;
    }

    private static void putIfPresent(Map<String, Object> inputs, String key, String value) {
        if (value != null) {
            inputs.put(key, value);
        }
    }

    private static double round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
