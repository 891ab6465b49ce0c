package io.branchlink.hub.reversal.internal;

import io.branchlink.hub.reversal.PendingReversal;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Pending reversals as one JSON file each in a directory. A reversal is durable once {@link #save} returns: the file
 * is written under a temporary name, forced to disk, renamed atomically and the directory forced too.
 *
 * @see io.branchlink.hub.reversal.internal.ReversalStoreTests
 */
public class ReversalStore extends DurableFiles<PendingReversal> {

    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public ReversalStore(Path directory) {
        super(directory, PendingReversal.class, PendingReversal::queuedAt);
    }

    @Override
    String name(PendingReversal reversal) {
        return fileName(reversal);
    }

    /** The file name: terminal, STAN and transmission time of the original, so a resent 0420 replaces itself. */
    public static String fileName(PendingReversal reversal) {
        return reversal.terminalId() + "-" + String.format("%06d", reversal.originalStan()) + "-"
                + STAMP.format(reversal.originalTransmittedAt()) + ".json";
    }
}
