/**
 * The hub's ISO 8583 server: a Camel netty TCP route with the protocol module's framing, and the gateway that
 * answers 0800 sign-on and echo, authorizes 0200 through the token checks and channel-api, and acknowledges 0420
 * once the reversal is stored for forwarding; the {@code iso8583Errors} route configuration answers any message whose
 * handling failed unexpectedly with 96.
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 * @see io.branchlink.hub.iso8583.IsoErrorsIntegrationTests
 */
package io.branchlink.hub.iso8583;
