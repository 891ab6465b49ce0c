/**
 * The cash withdrawal flow (flow 1 of ARCHITECTURE.md): {@link io.branchlink.agent.withdrawal.Withdrawal} runs its
 * steps in order, each named for what it does: check the amount, authorize, dispense, present, wait for the cash
 * to be taken, complete; retracting and reversing what was not taken.
 *
 * @see io.branchlink.sim.device.ItmAgentEndToEndTests
 */
package io.branchlink.agent.withdrawal;
