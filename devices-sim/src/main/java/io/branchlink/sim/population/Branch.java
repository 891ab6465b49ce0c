package io.branchlink.sim.population;

/**
 * A branch with its ITM, where it stands.
 *
 * @param id the branch id, for example {@code SH-07}
 * @param city the city's name
 * @param latitude degrees
 * @param longitude degrees
 */
public record Branch(String id, String city, double latitude, double longitude) {
}
