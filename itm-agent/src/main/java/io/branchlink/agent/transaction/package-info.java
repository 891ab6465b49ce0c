/**
 * What the withdrawal and deposit flows share: the services a customer transaction acts on, the opening of a
 * transaction, and its endings (completion, reversal, exception record) together with the customer's receipt.
 * The journal records of the endings are {@link io.branchlink.agent.journal.TransactionEndings}, which journal
 * recovery uses too.
 *
 * <p>Tested end to end with simulated devices in devices-sim: {@code io.branchlink.sim.device.ItmAgentEndToEndTests}
 * and {@code AgentRecoveryTests}.
 */
package io.branchlink.agent.transaction;
