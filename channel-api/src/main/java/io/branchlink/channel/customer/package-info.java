/**
 * Customers, their bound phones and their bearer sessions: login with a bcrypt-hashed password and a lockout after
 * repeated failures (per username and per source address), binding a new phone only with proof from something the
 * customer already has (an SMS code to the registered number, or approval from a bound phone) followed by a
 * cool-off, and the filter that turns a session token into a {@link CustomerPrincipal}.
 * {@link CustomerRegistration} makes a customer of someone who proved phone and identity from the app (onboarding).
 *
 * @see io.branchlink.channel.customer.CustomerAuthIntegrationTests
 * @see io.branchlink.channel.customer.DeviceBindingIntegrationTests
 * @see io.branchlink.channel.customer.LoginLockoutIntegrationTests
 * @see io.branchlink.channel.onboarding.OnboardingIntegrationTests
 */
package io.branchlink.channel.customer;
