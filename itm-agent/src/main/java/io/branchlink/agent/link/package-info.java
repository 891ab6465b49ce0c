/**
 * The agent's two links to the branch hub: {@link io.branchlink.agent.link.IsoHostLink}, an ISO 8583 client over
 * TCP (sign-on, 0200 with a timeout, 0420 until 0430, 0220 until 0230, reconnect), and
 * {@link io.branchlink.agent.link.MqttLink}, an Eclipse Paho MQTT 5 client (presence with a Last Will, retained state,
 * events, commands, durable session).
 *
 * @see io.branchlink.agent.link.IsoHostLinkTests
 * @see io.branchlink.agent.link.MqttLinkTests
 */
package io.branchlink.agent.link;
