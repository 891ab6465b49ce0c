package io.branchlink.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The terminal's STAN (field 11) sequence, persisted next to the journal and forced to the disk before a number is
 * handed out, so a restart never reuses one; j8583's {@code SimpleTraceGenerator} keeps its counter in memory only.
 * Numbers run 1 to 999999 and wrap, far more than a terminal sends in a day.
 *
 * @see io.branchlink.agent.journal.StanSequenceTests
 */
public final class StanSequence {

    public static final String FILE_NAME = "stan.seq";
    static final int MAX = 999_999;

    private final Path file;
    private int last;

    private StanSequence(Path file, int last) {
        this.file = file;
        this.last = last;
    }

    public static StanSequence open(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            int last = Files.exists(file) ? Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip())
                    : 0;
            if (last < 0 || last > MAX) {
                throw new JournalException("STAN file holds " + last, null);
            }
            return new StanSequence(file, last);
        } catch (IOException | NumberFormatException e) {
            throw new JournalException("cannot read " + file, e);
        }
    }

    /** The next STAN, already on the disk. */
    public synchronized int next() {
        int next = last >= MAX ? 1 : last + 1;
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(Integer.toString(next).getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        } catch (IOException e) {
            throw new JournalException("cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new JournalException("cannot replace " + file, e);
        }
        last = next;
        return next;
    }

    public synchronized int last() {
        return last;
    }
}
