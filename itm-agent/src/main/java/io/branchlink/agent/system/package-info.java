/**
 * The agent as a whole: {@link io.branchlink.agent.system.ItmAgent} wires the devices, the journal, the host and
 * MQTT links and the session state machine, configured by one {@link io.branchlink.agent.system.AgentConfig}.
 *
 * @see io.branchlink.agent.system.ItmAgentTests
 */
package io.branchlink.agent.system;
