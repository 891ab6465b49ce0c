/**
 * Terminal transactions that branch hubs send for their ITMs, one class per job: {@link RedeemWithdrawal} redeems a
 * withdrawal token, {@link CreditDeposit} credits counted cash, {@link ReverseTransaction} reverses either, fully
 * or in part. Each is idempotent on the terminal transaction key (terminal id, STAN, transmission date), kept in
 * the journal in {@code internal} together with the branch's terminals. Redemptions and deposit requests ask the risk
 * engine before money moves ({@code internal.TerminalRisk}).
 *
 * @see io.branchlink.channel.terminal.HubRedemptionIntegrationTests
 * @see io.branchlink.channel.terminal.TerminalRiskIntegrationTests
 */
package io.branchlink.channel.terminal;
