/**
 * Simulated ITM devices implementing the agent's device SPI ({@code io.branchlink.agent.device}), each with fault
 * injection both by seeded probabilities and by scripted one-shot faults, and each able to say what cash it
 * physically holds, so tests can check the money invariant against the host's ledger.
 *
 * @see io.branchlink.sim.device.ItmAgentEndToEndTests
 */
package io.branchlink.sim.device;
