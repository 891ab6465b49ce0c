/**
 * The hub's client for channel-api's hub API: redemption, deposit credit, reversal, the token public keys, and the
 * counter-business form API (staging feed, token lookup, executions, vouchers), with
 * timeouts, and retries only of calls that are idempotent (all three decisions are, on terminal, STAN and date).
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 */
package io.branchlink.hub.channel;
