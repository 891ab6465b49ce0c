/**
 * The branch's MQTT broker and the hub's way to it: the embedded HiveMQ CE broker (or an external one by
 * configuration), per-device authentication and topic permissions (both in {@code internal}), the hub's Paho clients
 * with {@code TCP_NODELAY} ({@link io.branchlink.hub.mqtt.MqttClients}, the feature's API), and the
 * {@code mqttErrors} route configuration that sends unreadable messages to the dead-letter topic.
 *
 * @see io.branchlink.hub.mqtt.internal.MqttAccessPolicyTests
 * @see io.branchlink.hub.device.DeviceAccessIntegrationTests
 */
package io.branchlink.hub.mqtt;
