package io.branchlink.agent.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only write-ahead journal: one JSON line per {@link JournalRecord} in {@code journal.jsonl}, forced to
 * the disk ({@link FileChannel#force}) before {@link #append} returns, so the agent acts on a device only after its
 * intent survives a power cut. A torn last line (power lost mid-write) is cut off when the journal is opened.
 *
 * @see io.branchlink.agent.journal.JournalTests
 */
public final class Journal implements Closeable {

    public static final String FILE_NAME = "journal.jsonl";

    private static final Logger log = LoggerFactory.getLogger(Journal.class);

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Path dir;
    private final FileChannel channel;
    private final StanSequence stans;
    private final Consumer<JournalRecord> afterAppend;
    private final Map<String, List<JournalRecord>> byTxn = new LinkedHashMap<>();
    private final List<JournalRecord> all = new ArrayList<>();

    private Journal(Path dir, Consumer<JournalRecord> afterAppend) throws IOException {
        this.dir = dir;
        this.afterAppend = afterAppend;
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        load();
        this.stans = StanSequence.open(dir);
    }

    public static Journal open(Path dir) {
        return open(dir, record -> { });
    }

    /**
     * Opens the journal in {@code dir}, creating it if needed.
     *
     * @param afterAppend called with each record once it is on the disk (monitoring; tests use it to cut the power
     *     at an exact step)
     */
    public static Journal open(Path dir, Consumer<JournalRecord> afterAppend) {
        try {
            return new Journal(dir, afterAppend);
        } catch (IOException e) {
            throw new JournalException("cannot open the journal in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public StanSequence stans() {
        return stans;
    }

    /** Writes the record and forces it to the disk before returning. */
    public void append(JournalRecord record) {
        synchronized (this) {
            try {
                byte[] line = (JSON.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuffer buffer = ByteBuffer.wrap(line);
                channel.position(channel.size());
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            } catch (IOException e) {
                throw new JournalException("cannot append " + record.step() + " of " + record.txnId(), e);
            }
            index(record);
            log.debug("journal txn={} stan={} step={}", record.txnId(), record.stan(), record.step());
        }
        afterAppend.accept(record);
    }

    public synchronized List<JournalRecord> records(String txnId) {
        return List.copyOf(byTxn.getOrDefault(txnId, List.of()));
    }

    public synchronized Optional<JournalRecord> last(String txnId) {
        List<JournalRecord> records = byTxn.get(txnId);
        return records == null || records.isEmpty() ? Optional.empty()
                : Optional.of(records.get(records.size() - 1));
    }

    /** The ids of transactions whose last record is not {@code COMPLETED}, oldest first. */
    public synchronized List<String> unfinished() {
        List<String> ids = new ArrayList<>();
        byTxn.forEach((id, records) -> {
            if (records.get(records.size() - 1).step() != JournalStep.COMPLETED) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The {@code REVERSAL_QUEUED} records still waiting for their 0430, oldest first. */
    public synchronized List<JournalRecord> pendingReversals() {
        List<JournalRecord> pending = new ArrayList<>();
        byTxn.values().forEach(records -> {
            JournalRecord last = records.get(records.size() - 1);
            if (last.step() == JournalStep.REVERSAL_QUEUED) {
                pending.add(last);
            }
        });
        return pending;
    }

    /** The last record of every transaction whose 0220 waits for its 0230. */
    public synchronized List<JournalRecord> pendingAdvices() {
        List<JournalRecord> pending = new ArrayList<>();
        byTxn.values().forEach(records -> {
            JournalRecord last = records.get(records.size() - 1);
            if (last.step() == JournalStep.ADVICE_QUEUED) {
                pending.add(last);
            }
        });
        return pending;
    }

    /**
     * Cash of deposits kept in the machine without a credit: the amounts on the exception records of deposits that
     * the host neither approved (0210 {@code 00}) nor credited on advice (0230 {@code 00}). With the host's credits
     * it accounts for every kept note: the machine's cash equals its cash account plus this.
     */
    public synchronized Money keptWithoutCredit(Currency currency) {
        long sum = 0;
        for (List<JournalRecord> records : byTxn.values()) {
            if (records.get(0).kind() != TransactionKind.DEPOSIT) {
                continue;
            }
            boolean credited = records.stream().anyMatch(r -> r.step() == JournalStep.AUTH_APPROVED
                    || (r.step() == JournalStep.ADVICE_ACKNOWLEDGED && "00".equals(r.responseCode())));
            if (!credited) {
                sum += records.stream().filter(r -> r.step() == JournalStep.EXCEPTION_RECORDED)
                        .mapToLong(r -> r.actual() == null ? 0 : r.actual()).sum();
            }
        }
        return new Money(sum, currency);
    }

    /** Every record in the order written. */
    public synchronized List<JournalRecord> all() {
        return List.copyOf(all);
    }

    private void index(JournalRecord record) {
        byTxn.computeIfAbsent(record.txnId(), id -> new ArrayList<>()).add(record);
        all.add(record);
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("journal close failed: {}", e.toString());
        }
    }

    private void load() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size));
        channel.read(buffer, 0);
        byte[] bytes = buffer.array();
        int start = 0;
        long good = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            if (line.isBlank()) {
                good = start;
                continue;
            }
            try {
                JournalRecord record = JSON.readValue(line, JournalRecord.class);
                index(record);
                good = start;
            } catch (IOException e) {
                throw new JournalException("journal line at byte " + (start - line.length() - 1) + " is unreadable", e);
            }
        }
        if (good < size) {
            log.warn("journal: cutting a torn last line of {} bytes", size - good);
            channel.truncate(good);
            channel.force(true);
        }
    }
}
