/**
 * Pre-filled counter business (flow 3, docs/counter-business.md): the customer's form drafts, validated with the
 * prefill catalog and signed as FORM QR tokens; the staging outbox branch hubs long-poll; a teller's one-click
 * decision, executed once (a conditional update in the transaction that does the business); and the PDF vouchers
 * archived for the customer and the branch.
 *
 * @see io.branchlink.channel.form.FormIntegrationTests
 * @see io.branchlink.channel.form.FormExecutionIntegrationTests
 */
package io.branchlink.channel.form;
