package io.branchlink.protocol.hubapi;

/**
 * The kinds of {@link FeedEvent}: a form was staged at the branch, or it left the branch; a queue ticket was issued
 * at the branch (or the forms it stands for changed).
 */
public enum FeedEventKind {
    STAGED, WITHDRAWN, TICKET
}
