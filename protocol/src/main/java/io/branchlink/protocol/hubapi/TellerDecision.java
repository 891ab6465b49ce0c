package io.branchlink.protocol.hubapi;

/** A teller's one-click decision on a staged form. */
public enum TellerDecision {
    CONFIRM, REJECT
}
