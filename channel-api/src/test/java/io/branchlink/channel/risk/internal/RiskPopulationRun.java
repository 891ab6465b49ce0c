package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision.Outcome;
import io.branchlink.channel.risk.RiskDecision.Reason;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.internal.CompiledRule.RuleOutcome;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.population.PopulationGenerator;
import io.branchlink.sim.population.PopulationSettings;
import io.branchlink.sim.population.Scenario;
import io.branchlink.sim.population.SimulatedAction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.core.io.ClassPathResource;

/**
 * Feeds a labelled synthetic population through the in-memory risk engine (the feature state and the default rules,
 * as {@code DefaultRiskEngine} uses them, without storage) in time order, and counts what the rules did to each
 * kind of action. The warm-up history is recorded without being decided. In the month, every action is decided on
 * the features at its time; a normal customer passes a STEP_UP (the action completes), a fraud action is stopped by
 * a STEP_UP or a DENY; a completed action is recorded at its time; an action whose prerequisite (the staging of a
 * redemption, the phone binding a fraudster relies on) did not complete is not attempted.
 *
 * @see RiskPopulationReportTests
 */
final class RiskPopulationRun {

    /** The engine's defaults (RiskProperties): a 24-hour cool-off, China time, large amounts from 1,000. */
    static final Duration COOL_OFF = Duration.ofHours(24);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final double LARGE_AMOUNT = 1000;

    /** What the rules did to one kind of action. */
    static final class Counts {
        long decided;
        long denied;
        long steppedUp;
        long trusted;
        long skippedSecondFactor;
        long notAttempted;

        long stopped() {
            return denied + steppedUp;
        }

        void add(Counts other) {
            decided += other.decided;
            denied += other.denied;
            steppedUp += other.steppedUp;
            trusted += other.trusted;
            skippedSecondFactor += other.skippedSecondFactor;
            notAttempted += other.notAttempted;
        }
    }

    /** One fraud case: when it was first stopped, when money first left, how much was tried and how much left. */
    static final class Case {
        Instant firstStop;
        Instant firstMoneyOut;
        long attemptedMinor;
        long outMinor;

        boolean stopped() {
            return firstStop != null;
        }

        boolean stoppedBeforeMoneyLeft() {
            return firstStop != null && (firstMoneyOut == null || firstStop.isBefore(firstMoneyOut));
        }
    }

    /** The run's figures. */
    record Result(PopulationSettings settings, String ruleSetVersion, Map<Scenario, Integer> injectedCases,
            Map<Scenario, Counts> fraud, Map<Scenario, Map<Integer, Case>> cases, Map<RiskAction, Counts> normal,
            Map<String, long[]> decidingRules, long warmUpEvents, Duration warmUp, long decisions, Duration month,
            Map<String, Integer> keys) {

        Counts normalTotal() {
            Counts total = new Counts();
            normal.values().forEach(total::add);
            return total;
        }

        long casesStoppedBeforeMoneyLeft(Scenario scenario) {
            return cases.getOrDefault(scenario, Map.of()).values().stream()
                    .filter(Case::stoppedBeforeMoneyLeft).count();
        }

        long casesStopped(Scenario scenario) {
            return cases.getOrDefault(scenario, Map.of()).values().stream().filter(Case::stopped).count();
        }

        long casesWithNoMoneyOut(Scenario scenario) {
            return cases.getOrDefault(scenario, Map.of()).values().stream().filter(c -> c.outMinor == 0).count();
        }

        double decisionsPerSecond() {
            return decisions / Math.max(1e-3, month.toNanos() / 1e9);
        }
    }

    private final PopulationSettings settings;
    private final PrintStream progress;

    RiskPopulationRun(PopulationSettings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    static RuleSet defaultRules() {
        try {
            return new RuleSetLoader(FeatureCatalogue.standard()).load(new ClassPathResource(CelRiskRules.DEFAULT_RULES)
                    .getInputStream().readAllBytes(), "default", Instant.EPOCH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuleSetLoader.RefusedException e) {
            throw new IllegalStateException(e);
        }
    }

    Result run() {
        PopulationGenerator population = new PopulationGenerator(settings);
        FeatureState state = new FeatureState(FeatureCatalogue.standard(),
                branch -> population.branch(branch).map(b -> new RiskLocation(b.latitude(), b.longitude(), b.id())),
                COOL_OFF, ZONE, LARGE_AMOUNT);
        RuleSet rules = defaultRules();
        Map<String, RuleOutcome> outcomes = rules.rules().stream()
                .collect(Collectors.toMap(CompiledRule::id, CompiledRule::outcome));

        Map<Scenario, Counts> fraud = new EnumMap<>(Scenario.class);
        Map<Scenario, Map<Integer, Case>> cases = new EnumMap<>(Scenario.class);
        Map<RiskAction, Counts> normal = new EnumMap<>(RiskAction.class);
        Map<String, long[]> deciding = new TreeMap<>();
        Set<Long> notCompleted = new HashSet<>();
        long warmUpEvents = 0;
        long decisions = 0;
        long warmUpStart = System.nanoTime();
        long monthStart = 0;
        Instant monthBegins = settings.monthStart();
        int day = -1;

        while (population.hasNext()) {
            SimulatedAction simulated = population.next();
            RiskRequest request = request(simulated);
            if (simulated.warmUp()) {
                state.record(RiskEvent.of(request, simulated.at()));
                warmUpEvents++;
                continue;
            }
            if (monthStart == 0) {
                monthStart = System.nanoTime();
                progress.printf("warm-up: %,d events recorded in %.1f s%n", warmUpEvents,
                        (monthStart - warmUpStart) / 1e9);
            }
            int today = (int) Duration.between(monthBegins, simulated.at()).toDays();
            if (today != day && today % 5 == 0) {
                progress.printf("day %2d of %d: %,d decisions, %,.0f/s%n", today, settings.days(), decisions,
                        decisions / Math.max(1e-3, (System.nanoTime() - monthStart) / 1e9));
            }
            day = today;
            boolean fraudAction = simulated.label().fraud();
            Counts counts = fraudAction
                    ? fraud.computeIfAbsent(simulated.label().scenario(), s -> new Counts())
                    : normal.computeIfAbsent(request.action(), a -> new Counts());
            Case fraudCase = fraudAction ? cases.computeIfAbsent(simulated.label().scenario(),
                    s -> new TreeMap<>()).computeIfAbsent(simulated.label().caseId(), c -> new Case()) : null;
            if (fraudCase != null && simulated.movesMoneyOut() && simulated.amountMinor() != null) {
                fraudCase.attemptedMinor += simulated.amountMinor();
            }
            if (simulated.dependsOn() != 0 && notCompleted.contains(simulated.dependsOn())) {
                counts.notAttempted++;
                notCompleted.add(simulated.id());
                continue;
            }
            RuleSet.Verdict verdict = rules.evaluate(state.features(request, simulated.at()));
            decisions++;
            counts.decided++;
            switch (verdict.outcome()) {
                case DENY -> counts.denied++;
                case STEP_UP -> counts.steppedUp++;
                case ALLOW -> {
                    if (verdict.trusted()) {
                        counts.trusted++;
                        if (verdict.reasons().stream().skip(1)
                                .anyMatch(r -> outcomes.get(r.ruleId()) == RuleOutcome.STEP_UP)) {
                            counts.skippedSecondFactor++;
                        }
                    }
                }
                default -> throw new IllegalStateException(verdict.outcome().name());
            }
            if (!verdict.reasons().isEmpty()) {
                Reason decidingRule = verdict.reasons().get(0);
                deciding.computeIfAbsent(decidingRule.ruleId(), r -> new long[2])[fraudAction ? 1 : 0]++;
            }
            boolean completes = fraudAction ? verdict.outcome() == Outcome.ALLOW : verdict.outcome() != Outcome.DENY;
            if (completes) {
                state.record(RiskEvent.of(request, simulated.at()));
                if (fraudCase != null && simulated.movesMoneyOut()) {
                    fraudCase.outMinor += simulated.amountMinor() == null ? 0 : simulated.amountMinor();
                    if (fraudCase.firstMoneyOut == null) {
                        fraudCase.firstMoneyOut = simulated.at();
                    }
                }
            } else {
                notCompleted.add(simulated.id());
                if (fraudCase != null && fraudCase.firstStop == null) {
                    fraudCase.firstStop = simulated.at();
                }
            }
        }
        long end = System.nanoTime();
        progress.printf("month: %,d decisions in %.1f s%n", decisions, (end - monthStart) / 1e9);
        return new Result(settings, rules.version(), population.cases(), fraud, cases, normal, deciding,
                warmUpEvents, Duration.ofNanos(monthStart - warmUpStart), decisions,
                Duration.ofNanos(end - monthStart), state.size());
    }

    static RiskRequest request(SimulatedAction simulated) {
        RiskLocation location = simulated.latitude() == null && simulated.branchId() == null ? null
                : new RiskLocation(simulated.latitude(), simulated.longitude(), simulated.branchId());
        return new RiskRequest(RiskAction.valueOf(simulated.action().name()), simulated.customerId(),
                simulated.deviceId(), simulated.accountId(),
                simulated.amountMinor() == null ? null : Money.ofMinor(simulated.amountMinor(), "CNY"),
                simulated.counterparty(), location, RiskChannel.valueOf(simulated.channel().name()),
                simulated.customerAge());
    }
}
