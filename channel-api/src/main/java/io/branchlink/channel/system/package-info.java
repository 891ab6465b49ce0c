/**
 * Cross-cutting configuration: the embedded PostgreSQL default, the clock, password hashing, and RFC 9457 problem
 * details keyed by the internal result code. Depends on no feature package.
 *
 * @see io.branchlink.channel.ModularityTests
 */
package io.branchlink.channel.system;
