/**
 * Customers, their bound phones and their bearer sessions: login with a bcrypt-hashed password, device binding
 * with a cool-off, and the filter that turns a session token into a {@link CustomerPrincipal}.
 *
 * @see io.branchlink.channel.customer.CustomerAuthIntegrationTests
 */
package io.branchlink.channel.customer;
