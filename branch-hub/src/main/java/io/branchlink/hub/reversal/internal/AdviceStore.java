package io.branchlink.hub.reversal.internal;

import io.branchlink.hub.reversal.PendingAdvice;
import java.nio.file.Path;

/**
 * Pending deposit advices (0220) as one JSON file each, durable once {@link #save} returns, like
 * {@link ReversalStore}. A file holds the deposit token until channel-api has decided the advice; then it is deleted.
 *
 * @see io.branchlink.hub.reversal.internal.ReversalStoreTests
 */
public class AdviceStore extends DurableFiles<PendingAdvice> {

    public AdviceStore(Path directory) {
        super(directory, PendingAdvice.class, PendingAdvice::queuedAt);
    }

    @Override
    String name(PendingAdvice advice) {
        return fileName(advice);
    }

    /** The file name: terminal, STAN and transmission time of the original 0200, so a repeated 0220 replaces itself. */
    public static String fileName(PendingAdvice advice) {
        return advice.terminalId() + "-" + String.format("%06d", advice.originalStan()) + "-"
                + ReversalStore.STAMP.format(advice.originalTransmittedAt()) + ".json";
    }
}
