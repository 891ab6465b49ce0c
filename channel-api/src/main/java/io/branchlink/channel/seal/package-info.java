/**
 * The bank's electronic seal, one for every document it issues (counter vouchers, loan contracts): PAdES
 * signatures with the seal key that is active now ({@link io.branchlink.channel.seal.BankSeal}), the customer's
 * consent written into the document before it is sealed, and the verification of a sealed PDF against every key the
 * bank has sealed with ({@link io.branchlink.channel.seal.SealVerification}). Keys are known by key id (their alias
 * in the key store): one active, the others verify-only with their retirement instant, so rotating is a
 * configuration change. The key ring, its settings and {@code POST /api/v1/seals/verifications} are in
 * {@code internal}. See docs/seals.md.
 *
 * @see io.branchlink.channel.seal.internal.SealKeyRingTests
 * @see io.branchlink.channel.seal.internal.SealTamperingTests
 * @see io.branchlink.channel.seal.internal.SealIntegrationTests
 */
package io.branchlink.channel.seal;
