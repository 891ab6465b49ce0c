/**
 * How pending reversals are kept on disk (one fsynced JSON file each). Only the reversal feature itself touches the
 * files; other features queue reversals and read what is pending through
 * {@link io.branchlink.hub.reversal.ReversalRelay}.
 *
 * @see io.branchlink.hub.reversal.internal.ReversalStoreTests
 */
package io.branchlink.hub.reversal.internal;
