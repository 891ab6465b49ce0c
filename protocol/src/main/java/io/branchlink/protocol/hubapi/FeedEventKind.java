package io.branchlink.protocol.hubapi;

/** The kinds of {@link FeedEvent}: a form was staged at the branch, or it left the branch. */
public enum FeedEventKind {
    STAGED, WITHDRAWN
}
