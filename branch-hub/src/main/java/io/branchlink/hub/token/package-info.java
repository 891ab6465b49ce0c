/**
 * Fast local checks of QR tokens before channel-api is called: signature, expiry and branch scope with the public
 * keys channel-api publishes, and a Hazelcast replay guard that turns away a token already presented under another
 * transaction key. Neither decides single use; channel-api's database does.
 *
 * @see io.branchlink.hub.token.TokenPreCheckIntegrationTests
 */
package io.branchlink.hub.token;
