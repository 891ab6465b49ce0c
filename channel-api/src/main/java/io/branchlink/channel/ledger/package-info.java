/**
 * The double-entry ledger: accounts with a normal side, journal entries whose postings sum to zero (checked in
 * Java and again by the database at commit), and holds that reduce what a customer can spend.
 *
 * @see io.branchlink.channel.ledger.LedgerIntegrationTests
 */
package io.branchlink.channel.ledger;
