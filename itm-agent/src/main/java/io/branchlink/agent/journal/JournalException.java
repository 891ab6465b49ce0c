package io.branchlink.agent.journal;

/** The journal could not be written or read: the agent must stop serving customers, it cannot act safely. */
public final class JournalException extends RuntimeException {

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
