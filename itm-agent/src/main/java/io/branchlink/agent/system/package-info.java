/**
 * The agent as a whole: {@link io.branchlink.agent.system.ItmAgent} wires the devices, the journal, the host and
 * MQTT links, configured by one {@link io.branchlink.agent.system.AgentConfig}; it reads the customer's code and
 * hands the visit to the withdrawal or deposit flow ({@code agent.withdrawal}, {@code agent.deposit}).
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
package io.branchlink.agent.system;
