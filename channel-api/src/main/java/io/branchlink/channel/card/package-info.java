/**
 * Credit cards: a card account per card on the ledger (a receivable, kind CARD, debit side) with a credit limit,
 * purchases the card processor sends signed to {@code /api/processor/v1/purchases}, monthly statements with a
 * minimum payment and a due date, daily interest on what is unpaid after the due date (none when the statement is
 * repaid in full by then), repayments from the customer's deposit accounts and limit change requests. The monthly
 * and daily work is two end-of-day steps; the money invariants are checked with the ledger's. Everything is in
 * {@code internal}; docs/cards.md describes the product, the processor's contract and the end-of-day job.
 *
 * @see io.branchlink.channel.card.CardIntegrationTests
 */
package io.branchlink.channel.card;
