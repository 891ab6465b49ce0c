/**
 * The hub's ISO 8583 server: a Camel netty TCP route with the protocol module's framing, connection admission and
 * a sign-on deadline ({@code IsoConnections}), and the gateway that answers 0800 sign-on and echo (sign-on state per
 * connection), authorizes 0200 through the token checks and channel-api, and acknowledges 0420 once the reversal is
 * stored for forwarding; authentic messages with a format error are answered with 30, refusals are logged one line
 * each ({@code IsoRefusals}); the {@code iso8583Errors} route configuration answers any message whose handling failed
 * unexpectedly with 96.
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 * @see io.branchlink.hub.iso8583.IsoErrorsIntegrationTests
 * @see io.branchlink.hub.iso8583.IsoConnectionLimitsIntegrationTests
 * @see io.branchlink.hub.iso8583.IsoRefusalLogIntegrationTests
 */
package io.branchlink.hub.iso8583;
