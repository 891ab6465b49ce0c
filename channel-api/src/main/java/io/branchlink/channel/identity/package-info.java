/**
 * The identity verification provider, a third party reached over HTTP:
 * {@link io.branchlink.channel.identity.IdentityVerification} checks a resident ID number, a name and a selfie's
 * liveness token against the national register; the HTTP client, its settings and timeouts are in {@code internal}.
 * The contract is in docs/onboarding.md ("Identity verification provider"); tests stand WireMock in for the
 * provider, the demo a small embedded stub.
 *
 * @see io.branchlink.channel.onboarding.OnboardingIntegrationTests
 */
package io.branchlink.channel.identity;
