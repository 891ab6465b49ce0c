/**
 * The branch hubs' side of channel-api: redeeming withdrawal tokens, crediting deposits and applying reversals,
 * each idempotent on the terminal transaction key (terminal id, STAN, transmission date), and authenticated with
 * hub credentials.
 *
 * @see io.branchlink.channel.hub.HubRedemptionIntegrationTests
 */
package io.branchlink.channel.hub;
