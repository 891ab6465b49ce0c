/**
 * The MQTT contract between devices and the branch hub: the topic tree ({@link io.branchlink.protocol.mqtt.Topics}),
 * the JSON payload records and their one codec ({@link io.branchlink.protocol.mqtt.MqttJson}). The contract is
 * {@code docs/protocols/mqtt.md}.
 *
 * @see io.branchlink.protocol.mqtt.MqttJsonTests
 */
package io.branchlink.protocol.mqtt;
