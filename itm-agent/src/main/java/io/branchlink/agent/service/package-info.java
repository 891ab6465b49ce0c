/**
 * Putting a terminal in and out of service from the hub, shared by the ITM agent and the teller terminal: each hub
 * command is taken once per command id, and the requested status is applied when the terminal is free to.
 *
 * @see io.branchlink.agent.service.ServiceSwitchTests
 */
package io.branchlink.agent.service;
