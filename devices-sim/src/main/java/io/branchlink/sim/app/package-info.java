/**
 * The simulated mobile app: a Java client of channel-api's customer API that logs in from a phone, binds it,
 * stages cardless withdrawals and deposits, and fetches the QR code to show to an ITM's camera.
 *
 * @see io.branchlink.it.withdrawal.CardlessWithdrawalIntegrationTests
 */
package io.branchlink.sim.app;
