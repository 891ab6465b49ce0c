/**
 * The simulated mobile app: a Java client of channel-api's customer API that opens an account for a visitor (with the
 * code it reads from the visitor's {@link io.branchlink.sim.app.SmsInbox}), logs in from a phone, binds it (with
 * the code it reads from the customer's {@link io.branchlink.sim.app.SmsInbox}, or approval from a bound phone),
 * stages cardless withdrawals and deposits, fills, submits and stages counter forms, fetches the QR codes to show
 * and the vouchers to keep; {@link io.branchlink.sim.app.FormSamples} types realistic values into every form.
 *
 * @see io.branchlink.it.withdrawal.CardlessWithdrawalIntegrationTests
 * @see io.branchlink.sim.app.FormSamplesTests
 * @see io.branchlink.sim.app.SimulatedAppBindingTests
 * @see io.branchlink.sim.app.SimulatedAppOnboardingTests
 */
package io.branchlink.sim.app;
