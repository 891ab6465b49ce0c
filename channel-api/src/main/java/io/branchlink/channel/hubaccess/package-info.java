/**
 * Branch hubs' credentials and their security chain: a hub authenticates with its id and secret (HTTP Basic) on
 * every hub-facing call, and becomes a {@link io.branchlink.channel.hubaccess.HubPrincipal} that may act only for
 * its own branch. The filter chain is in {@code internal}.
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests.HubAuthentication
 */
package io.branchlink.channel.hubaccess;
