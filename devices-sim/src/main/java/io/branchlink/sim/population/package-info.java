/**
 * A labelled synthetic population for measuring the risk engine: customers with normal habits (a home area in one of
 * a few cities, one or two phones, usual branches and payees, logins, cardless withdrawals staged on the phone and
 * redeemed at the branch's ITM, transfers around a personal usual amount, travel) over a warm-up and one month, with
 * fraud scenarios injected into a small share of them. Deterministic for a seed and streamed in time order. Plain
 * JDK: it knows the risk engine's action and channel names, not its types.
 *
 * @see io.branchlink.sim.population.PopulationGeneratorTests
 */
package io.branchlink.sim.population;
