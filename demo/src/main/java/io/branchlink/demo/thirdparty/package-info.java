/**
 * Small embedded stand-ins for the third parties channel-api talks to over HTTP, so the demo runs on one machine with
 * nothing to install: each speaks its contract (the SMS gateway's in docs/channel-api.md, the identity provider's in
 * docs/onboarding.md, the credit bureau's in docs/loans.md, the clearing system's in docs/transfers.md) on a loopback
 * port and keeps what it was sent for the simulated customers to read; the card processor posts signed purchases to
 * channel-api as docs/cards.md describes.
 *
 * @see io.branchlink.demo.thirdparty.SmsGatewayStubTests
 * @see io.branchlink.demo.thirdparty.IdentityCheckStubTests
 * @see io.branchlink.demo.thirdparty.CreditBureauStubTests
 */
package io.branchlink.demo.thirdparty;
