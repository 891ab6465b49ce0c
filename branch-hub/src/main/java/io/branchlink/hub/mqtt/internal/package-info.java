/**
 * The broker side of the hub's MQTT feature: the embedded HiveMQ CE broker and the extension that authenticates each
 * CONNECT and sets its topic permissions by {@link io.branchlink.hub.mqtt.internal.MqttAccessPolicy}. Only the
 * feature's own configuration wires these; other features reach the broker through
 * {@link io.branchlink.hub.mqtt.MqttClients}, never through these types.
 *
 * @see io.branchlink.hub.mqtt.internal.MqttAccessPolicyTests
 * @see io.branchlink.hub.device.DeviceAccessIntegrationTests
 */
package io.branchlink.hub.mqtt.internal;
