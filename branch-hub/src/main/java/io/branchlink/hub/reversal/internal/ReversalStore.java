package io.branchlink.hub.reversal.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.branchlink.hub.reversal.PendingReversal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending reversals as one JSON file each in a directory. A reversal is durable once {@link #save} returns: the file
 * is written under a temporary name, forced to disk, renamed atomically and the directory forced too.
 *
 * @see io.branchlink.hub.reversal.internal.ReversalStoreTests
 */
public class ReversalStore {

    private static final Logger log = LoggerFactory.getLogger(ReversalStore.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public ReversalStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the reversal directory " + directory, e);
        }
    }

    public void save(PendingReversal reversal) {
        Path target = directory.resolve(fileName(reversal));
        Path temporary = directory.resolve(fileName(reversal) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(reversal)));
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store reversal " + fileName(reversal), e);
        }
    }

    /** Every pending reversal, oldest first; a file that cannot be read is logged and left for an operator. */
    public List<PendingReversal> pending() {
        List<PendingReversal> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                try {
                    result.add(json.readValue(file.toFile(), PendingReversal.class));
                } catch (IOException e) {
                    log.error("unreadable pending reversal file={}", file.getFileName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        result.sort(java.util.Comparator.comparing(PendingReversal::queuedAt));
        return result;
    }

    public void remove(PendingReversal reversal) {
        try {
            Files.deleteIfExists(directory.resolve(fileName(reversal)));
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove reversal " + fileName(reversal), e);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("directory fsync not supported here");
        }
    }

    /** The file name: terminal, STAN and transmission time of the original, so a resent 0420 replaces itself. */
    public static String fileName(PendingReversal reversal) {
        return reversal.terminalId() + "-" + String.format("%06d", reversal.originalStan()) + "-"
                + STAMP.format(reversal.originalTransmittedAt()) + ".json";
    }
}
