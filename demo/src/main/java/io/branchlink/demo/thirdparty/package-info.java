/**
 * Small embedded stand-ins for the third parties channel-api calls over HTTP, so the demo runs on one machine with
 * nothing to install: each speaks its contract (docs/channel-api.md, docs/loans.md) on a loopback port and keeps
 * what it was sent for the simulated customers to read.
 *
 * @see io.branchlink.demo.thirdparty.SmsGatewayStubTests
 * @see io.branchlink.demo.thirdparty.CreditBureauStubTests
 */
package io.branchlink.demo.thirdparty;
