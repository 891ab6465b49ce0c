/**
 * The customer's view of their own deposit accounts and postings; another customer's account ids answer 404, as if
 * they did not exist. Credit card accounts are shown by the cards' own endpoints.
 *
 * @see io.branchlink.channel.customer.CustomerAuthIntegrationTests
 */
package io.branchlink.channel.account;
