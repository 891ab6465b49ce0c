/**
 * The customer's view of their own deposit accounts and postings; another customer's account ids answer 404, as if
 * they did not exist. Credit card accounts are shown by the cards' own endpoints.
 * {@link io.branchlink.channel.account.AccountClasses} holds the rules of the account classes (a Class II electronic
 * account: no cash, daily and yearly outbound limits) for every feature that moves money.
 *
 * @see io.branchlink.channel.customer.CustomerAuthIntegrationTests
 * @see io.branchlink.channel.onboarding.OnboardingIntegrationTests
 */
package io.branchlink.channel.account;
