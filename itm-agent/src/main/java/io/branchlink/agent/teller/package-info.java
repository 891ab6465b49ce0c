/**
 * Teller terminal mode: {@link io.branchlink.agent.teller.TellerTerminal} runs the counter's QR scanner and
 * voucher printer for flow 3 (docs/counter-business.md), on the same MQTT link and frame decoder as the ITM agent.
 *
 * @see io.branchlink.agent.teller.TellerTerminalTests
 */
package io.branchlink.agent.teller;
