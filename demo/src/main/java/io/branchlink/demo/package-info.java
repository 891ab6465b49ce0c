/**
 * The whole branch in one JVM: channel-api with its embedded PostgreSQL, a branch hub with its embedded MQTT broker
 * and one Hazelcast member, ITM agents on simulated devices, and the simulated app. {@link Branch} assembles it for
 * the demo command and for the end-to-end tests alike.
 *
 * @see io.branchlink.it.withdrawal.CardlessWithdrawalIntegrationTests
 */
package io.branchlink.demo;
