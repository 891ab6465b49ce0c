/**
 * Store-and-forward of reversals: each 0420 (and each 0200 whose outcome at channel-api is unknown) is written to
 * disk and fsynced before the hub answers, then forwarded to channel-api with backoff until channel-api has decided
 * it. Deposit advices (0220: notes kept at a terminal whose 0210 was lost) are kept and forwarded the same way, as
 * deposits with {@code advice: true}. Survives a hub restart; channel-api applies each reversal and advice once.
 *
 * @see io.branchlink.hub.reversal.internal.ReversalStoreTests
 */
package io.branchlink.hub.reversal;
