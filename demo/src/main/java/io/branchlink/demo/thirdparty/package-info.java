/**
 * Small embedded stand-ins for the third parties channel-api calls over HTTP, so the demo runs on one machine with
 * nothing to install: each speaks the contract in docs/channel-api.md on a loopback port and keeps what it was
 * sent for the simulated customers to read.
 *
 * @see io.branchlink.demo.thirdparty.SmsGatewayStubTests
 */
package io.branchlink.demo.thirdparty;
