package io.branchlink.sim.population;

import java.util.Objects;

/**
 * The truth about one action.
 *
 * @param scenario {@link Scenario#NORMAL} for a customer's own action, else the fraud scenario it is part of
 * @param caseId the fraud case (one victim, or for a fan-in one mule counterparty), 0 for a normal action
 * @param byFraudster true when the fraudster (or the mule) acts; false for a normal action and for a victim who
 *     acts as the fraudster told them (fan-in payers, elder scam), who could also pass a second factor
 */
public record Label(Scenario scenario, int caseId, boolean byFraudster) {

    public static final Label NORMAL = new Label(Scenario.NORMAL, 0, false);

    public Label {
        Objects.requireNonNull(scenario, "scenario");
    }

    public boolean fraud() {
        return scenario != Scenario.NORMAL;
    }
}
