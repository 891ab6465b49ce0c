/**
 * The hub's client for channel-api's hub API (all under {@code /api/hub/v1}): redemption, deposit credit, reversal,
 * the token public keys, and the counter-business form API (staging feed, token lookup, executions, vouchers), with
 * timeouts, and retries only of calls that are idempotent (all three decisions are, on terminal, STAN and date).
 * Bodies are the records of {@code protocol.hubapi}, shared with channel-api.
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 * @see io.branchlink.hub.form.FormFeedIntegrationTests
 */
package io.branchlink.hub.channel;
