/**
 * Small embedded stand-ins for the third parties channel-api talks to over HTTP, so the demo runs on one machine with
 * nothing to install: the SMS gateway speaks the contract in docs/channel-api.md on a loopback port and keeps what it
 * was sent for the simulated customers to read; the card processor posts signed purchases to channel-api as
 * docs/cards.md describes.
 *
 * @see io.branchlink.demo.thirdparty.SmsGatewayStubTests
 */
package io.branchlink.demo.thirdparty;
