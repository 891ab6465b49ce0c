/**
 * An ITM assembled from simulated devices and the real agent: the one place the demo and the devices-sim tests
 * build a simulated ITM.
 *
 * @see io.branchlink.sim.device.ItmAgentEndToEndTests
 */
package io.branchlink.sim.itm;
