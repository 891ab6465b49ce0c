package io.branchlink.protocol.hubapi;

/** What a terminal transaction moved; a {@link ReversalRequest} names the kind of its original. */
public enum TransactionKind {
    WITHDRAWAL, DEPOSIT
}
