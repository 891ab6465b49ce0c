/**
 * The cash withdrawal flow (flow 1 of ARCHITECTURE.md): {@link io.branchlink.agent.withdrawal.Withdrawal} runs its
 * steps in order, each named for what it does: check the amount, authorize, dispense, present, wait for the cash
 * to be taken, complete; retracting and reversing what was not taken.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
package io.branchlink.agent.withdrawal;
