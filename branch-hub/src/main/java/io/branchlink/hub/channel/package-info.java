/**
 * The hub's client for channel-api's hub API: redemption, deposit credit, reversal and the token public keys, with
 * timeouts, and retries only of calls that are idempotent (all three decisions are, on terminal, STAN and date).
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 */
package io.branchlink.hub.channel;
