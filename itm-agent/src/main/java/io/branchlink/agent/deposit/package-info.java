/**
 * The cash deposit flow (flow 2 of ARCHITECTURE.md): {@link io.branchlink.agent.deposit.Deposit} runs its steps in
 * order: start cash-in, count the notes into escrow, have the customer confirm, authorize, store; giving the notes
 * back when the deposit does not go ahead.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
package io.branchlink.agent.deposit;
