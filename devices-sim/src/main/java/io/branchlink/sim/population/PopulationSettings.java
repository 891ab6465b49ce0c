package io.branchlink.sim.population;

import java.time.Instant;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param seed everything follows from it
 * @param customers how many customers
 * @param monthStart the start of the measured month
 * @param days the measured period's length in days
 * @param warmUpDays days of normal history before it, so that phones and payees are known as in a running bank
 * @param scenarioShare the share of customers each per-customer scenario is injected into (fan-in: about the share of
 *     customers who pay a mule, 6–12 per mule); at least two cases of each scenario are injected whatever the size
 */
public record PopulationSettings(long seed, int customers, Instant monthStart, int days, int warmUpDays,
        double scenarioShare) {

    /** 1 March 2026, 00:00 in China (UTC+8). */
    public static final Instant MARCH_2026 = Instant.parse("2026-02-28T16:00:00Z");

    public PopulationSettings {
        Objects.requireNonNull(monthStart, "monthStart");
        if (customers < 50) {
            throw new IllegalArgumentException("at least 50 customers");
        }
        if (days < 7 || warmUpDays < 0 || !(scenarioShare > 0 && scenarioShare <= 0.05)) {
            throw new IllegalArgumentException("days >= 7, warmUpDays >= 0, 0 < scenarioShare <= 0.05");
        }
    }

    /** A month of 30 days after 35 days of history, 1.5% of customers per scenario. */
    public static PopulationSettings month(long seed, int customers) {
        return new PopulationSettings(seed, customers, MARCH_2026, 30, 35, 0.015);
    }
}
