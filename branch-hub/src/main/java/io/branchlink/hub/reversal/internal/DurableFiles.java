package io.branchlink.hub.reversal.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records kept as one JSON file each in a directory, durable once {@link #save} returns: the file is written under a
 * temporary name, forced to disk, renamed atomically and the directory forced too. The store-and-forward of
 * reversals ({@link ReversalStore}) and of deposit advices ({@link AdviceStore}) share it.
 */
abstract class DurableFiles<T> {

    private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

    private final Path directory;
    private final Class<T> type;
    private final Function<T, Instant> queuedAt;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    DurableFiles(Path directory, Class<T> type, Function<T, Instant> queuedAt) {
        this.directory = directory;
        this.type = type;
        this.queuedAt = queuedAt;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + directory, e);
        }
    }

    /** The file name of a record: the same key gives the same name, so a repeat replaces itself. */
    abstract String name(T record);

    public void save(T record) {
        Path target = directory.resolve(name(record));
        Path temporary = directory.resolve(name(record) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(json.writeValueAsBytes(record)));
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + name(record), e);
        }
    }

    /** Every pending record, oldest first; a file that cannot be read is logged and left for an operator. */
    public List<T> pending() {
        List<T> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                try {
                    result.add(json.readValue(file.toFile(), type));
                } catch (IOException e) {
                    log.error("unreadable pending file={}", file.getFileName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        result.sort(Comparator.comparing(queuedAt));
        return result;
    }

    public void remove(T record) {
        try {
            Files.deleteIfExists(directory.resolve(name(record)));
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + name(record), e);
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("directory fsync not supported here");
        }
    }
}
