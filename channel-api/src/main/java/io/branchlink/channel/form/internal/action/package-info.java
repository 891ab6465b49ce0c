/**
 * The business a confirmed counter form carries out: one {@link CounterAction} per catalog action
 * ({@code FormDefinition.action()}), selected by {@link CounterActions}, which is the only way in (the actions are
 * package-private; {@link RemitMoney} is public only for its clearing account, which tests read).
 *
 * @see io.branchlink.channel.form.internal.action.CounterActionsTests
 * @see io.branchlink.channel.form.FormExecutionIntegrationTests
 */
package io.branchlink.channel.form.internal.action;
