/**
 * The customer's view of their own accounts and postings; another customer's account ids answer 404, as if they
 * did not exist.
 *
 * @see io.branchlink.channel.customer.CustomerAuthIntegrationTests
 */
package io.branchlink.channel.account;
