/**
 * The agent as a whole: {@link io.branchlink.agent.system.ItmAgent} wires the devices, the journal, the host and
 * MQTT links and the session state machine, configured by one {@link io.branchlink.agent.system.AgentConfig}.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
package io.branchlink.agent.system;
