/**
 * The branch's device registry: presence (with MQTT 5 Last Will), retained state and events of every device read
 * from the broker into the Hazelcast map {@code hub.devices}, commands to devices, the {@code /api/devices} HTTP
 * API and the fleet's Prometheus metrics.
 *
 * @see io.branchlink.hub.device.DeviceRoutesTests
 * @see io.branchlink.hub.device.DeviceRegistryIntegrationTests
 */
package io.branchlink.hub.device;
