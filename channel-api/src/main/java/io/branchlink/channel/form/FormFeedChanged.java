package io.branchlink.channel.form;

/** A staging event for a branch was written; published inside the transaction, acted on after its commit. */
record FormFeedChanged(String branchId) {
}
