/**
 * Transfers from the mobile app: payees (at this bank by account number or registered phone, or at another bank),
 * trusted after a successful transfer, or registered at the counter; transfers to own accounts, to another customer
 * (posted at once) and to another bank through the clearing system (debited into clearing-in-transit, delivered
 * from a durable outbox, then confirmed, or refunded exactly once when rejected or timed out); per-transaction and
 * daily limits; the designated-payees-only mode of elder customers; scheduled and standing orders run by the
 * end-of-day step {@code transfer.scheduled}; and the money invariants of all of it. {@link
 * io.branchlink.channel.transfer.TransferProperties} holds the limits and times; everything else is in
 * {@code internal}. docs/transfers.md describes the endpoints, states and the clearing contract.
 *
 * @see io.branchlink.channel.transfer.TransferIntegrationTests
 * @see io.branchlink.channel.transfer.InterbankTransferIntegrationTests
 * @see io.branchlink.channel.transfer.ScheduledTransferIntegrationTests
 */
package io.branchlink.channel.transfer;
