/**
 * Opening an account from the app for someone who is not yet a customer and has only a phone and a resident ID
 * card: {@link io.branchlink.channel.onboarding.ResidentId} reads the number (GB 11643-1999); the endpoints, the SMS
 * code, the identity check ({@code channel.identity}), the risk engine and the one transaction that creates the
 * customer, binds the phone and opens a Class II electronic account are in {@code internal}. The new customer ends
 * logged in, as after login, and every other feature then works for them unchanged (docs/onboarding.md).
 *
 * @see io.branchlink.channel.onboarding.OnboardingIntegrationTests
 * @see io.branchlink.channel.onboarding.ResidentIdTests
 */
package io.branchlink.channel.onboarding;
