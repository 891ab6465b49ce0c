/**
 * The SMS gateway, a third party reached over HTTP: {@link io.branchlink.channel.sms.SmsGateway} sends one text to
 * one phone number; the HTTP client, its settings and timeouts are in {@code internal}. The contract is in
 * docs/channel-api.md ("SMS gateway"); tests stand WireMock in for the gateway, the demo a small embedded stub.
 *
 * @see io.branchlink.channel.customer.DeviceBindingIntegrationTests
 */
package io.branchlink.channel.sms;
