/**
 * The device SPI the agent drives, modelled on the CEN/XFS device classes: {@link
 * io.branchlink.agent.device.CashDispenser} (CDM), {@link io.branchlink.agent.device.CashAcceptor} (CIM), {@link
 * io.branchlink.agent.device.QrScanner} (BCR/camera), {@link io.branchlink.agent.device.ReceiptPrinter} (PTR) and
 * {@link io.branchlink.agent.device.Screen}. Expected outcomes (a jam, a timeout, notes not taken) are result values,
 * never exceptions.
 *
 * @see io.branchlink.agent.device.NoteMixTests
 */
package io.branchlink.agent.device;
