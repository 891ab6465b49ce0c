package io.branchlink.channel.hubaccess;

/** A branch hub that authenticated with its credentials; it may act only for terminals of its own branch. */
public record HubPrincipal(String hubId, String branchId) {
}
