package io.branchlink.protocol.hubapi;

/** Where a counter form is, as {@link TokenStatus#status()} and a refusal's {@code formStatus} name it. */
public enum FormStatus {
    DRAFT, SUBMITTED, STAGED, EXECUTED, REJECTED, FAILED, CANCELLED, EXPIRED
}
