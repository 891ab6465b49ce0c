/**
 * The fleet dashboard for the branch's operators ({@code /fleet/}): every device's presence, state, current faults and
 * fault history, cash per cassette with thresholds and a forecast of when it runs out, remote commands (out of
 * service, in service, reset, reconcile counts) audited per operator, live updates over Server-Sent Events, and the
 * cash gauges for Prometheus. The history is the Hazelcast map {@code hub.fleet.history}, so any hub node serves the
 * page.
 *
 * @see io.branchlink.hub.fleet.CashForecastTests
 * @see io.branchlink.hub.fleet.FleetIntegrationTests
 */
package io.branchlink.hub.fleet;
