/**
 * What the withdrawal and deposit flows share: the services a customer transaction acts on, the opening of a
 * transaction, and its endings (completion, reversal, exception record) together with the customer's receipt.
 * The journal records of the endings are {@link io.branchlink.agent.journal.TransactionEndings}, which journal
 * recovery uses too.
 *
 * @see io.branchlink.sim.device.ItmAgentEndToEndTests
 */
package io.branchlink.agent.transaction;
