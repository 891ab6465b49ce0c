/**
 * The credit bureau, a third party reached over HTTP: {@link io.branchlink.channel.bureau.CreditBureau} asks for a
 * person's credit report by resident ID number; the HTTP client, its settings and timeouts are in {@code internal}.
 * The contract is in docs/loans.md ("Credit bureau"); tests stand WireMock in for the bureau, the demo a small
 * embedded stub.
 *
 * @see io.branchlink.channel.loan.LoanApplicationIntegrationTests
 */
package io.branchlink.channel.bureau;
