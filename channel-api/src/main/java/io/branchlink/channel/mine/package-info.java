/**
 * "Mine", the customer-level view: every asset and liability of the customer across products, income and expense
 * by month and by category from the postings, and returns. Products contribute their lines through
 * {@link io.branchlink.channel.mine.MineHoldings} beans, so the view knows none of them; the flows are read from a
 * monthly summary the posting path keeps (V22, docs/mine.md).
 *
 * @see io.branchlink.channel.mine.MineIntegrationTests
 */
package io.branchlink.channel.mine;
