/**
 * The branch's MQTT broker and the hub's way to it: the embedded HiveMQ CE broker (or an external one by
 * configuration), per-device authentication and topic permissions, the hub's Paho clients with {@code TCP_NODELAY},
 * and the {@code mqttErrors} route configuration that sends unreadable messages to the dead-letter topic.
 *
 * @see io.branchlink.hub.mqtt.MqttAccessPolicyTests
 * @see io.branchlink.hub.device.DeviceAccessIntegrationTests
 */
package io.branchlink.hub.mqtt;
