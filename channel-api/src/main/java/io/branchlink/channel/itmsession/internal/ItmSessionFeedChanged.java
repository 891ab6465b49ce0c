package io.branchlink.channel.itmsession.internal;

/** A claim for the branch was written; published inside the transaction, acted on after its commit. */
record ItmSessionFeedChanged(String branchId) {
}
