/**
 * The interbank clearing system, a third party reached over HTTP: {@link io.branchlink.channel.clearing.ClearingSystem}
 * submits one payment to another bank (accepted or rejected at once; confirmed or rejected later by a signed
 * notification) and checks a notification's signature. The HTTP client, its settings and timeouts, and the security
 * chain that lets the clearing system's notifications in are in {@code internal}. The contract is in
 * docs/transfers.md ("The clearing contract"); tests stand WireMock in for the clearing system, the demo a small
 * embedded stub.
 *
 * @see io.branchlink.channel.transfer.InterbankTransferIntegrationTests
 */
package io.branchlink.channel.clearing;
