package io.branchlink.sim.population;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.sim.population.SimulatedAction.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthetic population: ordered, deterministic, labelled, with normal habits and every fraud scenario. */
class PopulationGeneratorTests {

    static final PopulationSettings SETTINGS = PopulationSettings.month(7, 400);
    static List<SimulatedAction> actions;
    static PopulationGenerator generator;

    @BeforeAll
    static void generate() {
        generator = new PopulationGenerator(SETTINGS);
        actions = new ArrayList<>();
        generator.forEachRemaining(actions::add);
    }

    @Test
    void streamsInTimeOrderWithUniqueIds() {
        Set<Long> ids = new HashSet<>();
        for (int i = 1; i < actions.size(); i++) {
            assertThat(actions.get(i).at()).isAfterOrEqualTo(actions.get(i - 1).at());
        }
        actions.forEach(a -> assertThat(ids.add(a.id())).isTrue());
        assertThat(actions.get(0).at()).isAfterOrEqualTo(SETTINGS.monthStart().minus(Duration.ofDays(35)));
        assertThat(actions.get(actions.size() - 1).at())
                .isBefore(SETTINGS.monthStart().plus(Duration.ofDays(SETTINGS.days())));
    }

    @Test
    void theSameSeedGivesTheSameActionsAndAnotherSeedOthers() {
        List<SimulatedAction> again = new ArrayList<>();
        new PopulationGenerator(SETTINGS).forEachRemaining(again::add);
        assertThat(again).isEqualTo(actions);
        List<SimulatedAction> other = new ArrayList<>();
        new PopulationGenerator(PopulationSettings.month(8, 400)).forEachRemaining(other::add);
        assertThat(other).isNotEqualTo(actions);
    }

    @Test
    void anActionComesAfterTheOneItDependsOnOfTheSameCustomer() {
        Map<Long, SimulatedAction> seen = new HashMap<>();
        for (SimulatedAction action : actions) {
            if (action.dependsOn() != 0) {
                SimulatedAction before = seen.get(action.dependsOn());
                assertThat(before).isNotNull();
                assertThat(before.customerId()).isEqualTo(action.customerId());
            }
            if (action.action() == Action.REDEMPTION) {
                assertThat(seen.get(action.dependsOn()).action()).isEqualTo(Action.CARDLESS_WITHDRAWAL);
                assertThat(seen.get(action.dependsOn()).amountMinor()).isEqualTo(action.amountMinor());
            }
            seen.put(action.id(), action);
        }
    }

    @Test
    void injectsEveryScenarioOnlyIntoTheMonth() {
        Map<Scenario, Set<Integer>> cases = new EnumMap<>(Scenario.class);
        for (SimulatedAction action : actions) {
            if (action.label().fraud()) {
                assertThat(action.warmUp()).isFalse();
                cases.computeIfAbsent(action.label().scenario(), s -> new HashSet<>()).add(action.label().caseId());
            }
        }
        assertThat(cases.keySet()).containsExactlyInAnyOrder(Scenario.TAKEOVER_CASH_OUT, Scenario.MULE_FAN_OUT,
                Scenario.MULE_FAN_IN, Scenario.REMOTE_CASH_OUT, Scenario.BURST, Scenario.ELDER_SCAM);
        cases.forEach((scenario, ids) -> assertThat(ids).hasSize(generator.cases().get(scenario)));
        assertThat(generator.cases().get(Scenario.TAKEOVER_CASH_OUT)).isEqualTo(6);
        actions.stream().filter(a -> a.label().scenario() == Scenario.ELDER_SCAM)
                .forEach(a -> assertThat(a.customerAge()).isGreaterThanOrEqualTo(65));
    }

    @Test
    void fanInIsManyCustomersPayingOneNewCounterparty() {
        Map<String, Set<UUID>> payers = new HashMap<>();
        actions.stream().filter(a -> a.label().scenario() == Scenario.MULE_FAN_IN)
                .forEach(a -> payers.computeIfAbsent(a.counterparty(), c -> new HashSet<>()).add(a.customerId()));
        assertThat(payers).isNotEmpty();
        payers.values().forEach(customers -> assertThat(customers).hasSizeBetween(6, 12));
    }

    @Test
    void normalHabitsLookLikeAMonthOfBanking() {
        Map<Action, Integer> perAction = new EnumMap<>(Action.class);
        Instant monthStart = SETTINGS.monthStart();
        actions.stream().filter(a -> !a.label().fraud() && !a.at().isBefore(monthStart))
                .forEach(a -> perAction.merge(a.action(), 1, Integer::sum));
        int customers = SETTINGS.customers();
        // logins on 50–95% of days; 1–5 withdrawals and 2–12 transfers a month per customer
        assertThat(perAction.get(Action.LOGIN)).isBetween(customers * 15, customers * 30);
        assertThat(perAction.get(Action.CARDLESS_WITHDRAWAL)).isBetween(customers * 2, customers * 4);
        assertThat(perAction.get(Action.REDEMPTION)).isEqualTo(perAction.get(Action.CARDLESS_WITHDRAWAL));
        assertThat(perAction.get(Action.TRANSFER)).isBetween(customers * 5, customers * 9);
        assertThat(perAction).containsKeys(Action.CARDLESS_DEPOSIT, Action.FORM_EXECUTION, Action.DEVICE_BINDING);
        assertThat(actions.stream().filter(a -> a.branchId() != null)
                .allMatch(a -> generator.branch(a.branchId()).isPresent())).isTrue();
    }
}
