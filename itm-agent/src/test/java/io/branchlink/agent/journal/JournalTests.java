package io.branchlink.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTests {

    static final Instant AT = Instant.parse("2026-03-01T08:30:15Z");

    static JournalRecord requested(String txnId, int stan) {
        return new JournalRecord(txnId, TransactionKind.WITHDRAWAL, JournalStep.AUTH_REQUESTED, AT, stan, "CNY",
                50000, null, null, AT, LocalDateTime.parse("2026-03-01T16:30:15"), "600116" + String.format("%06d", stan),
                null, null, null, null);
    }

    @TempDir
    Path dir;

    @Nested
    class Durability {

        @Test
        void recordsSurviveAReopen() {
            try (Journal journal = Journal.open(dir)) {
                JournalRecord base = requested("T1", 7);
                journal.append(base);
                journal.append(base.next(JournalStep.INTENT_DISPENSE, AT).withCounter(Money.ofMinor(0, "CNY")));
            }
            try (Journal reopened = Journal.open(dir)) {
                assertThat(reopened.records("T1")).extracting(JournalRecord::step)
                        .containsExactly(JournalStep.AUTH_REQUESTED, JournalStep.INTENT_DISPENSE);
                assertThat(reopened.last("T1")).get().extracting(JournalRecord::counter).isEqualTo(0L);
                assertThat(reopened.records("T1").get(0)).isEqualTo(requested("T1", 7));
            }
        }

        @Test
        void cutsATornLastLine() throws IOException {
            try (Journal journal = Journal.open(dir)) {
                journal.append(requested("T1", 1));
            }
            Files.writeString(dir.resolve(Journal.FILE_NAME), "{\"txnId\":\"T2\",\"ki", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            try (Journal reopened = Journal.open(dir)) {
                assertThat(reopened.unfinished()).containsExactly("T1");
                reopened.append(requested("T3", 3));
            }
            try (Journal again = Journal.open(dir)) {
                assertThat(again.unfinished()).containsExactly("T1", "T3");
            }
        }

        @Test
        void neverWritesTheTokenOrAnAccountNumber() throws IOException {
            try (Journal journal = Journal.open(dir)) {
                journal.append(requested("T1", 1));
            }
            String text = Files.readString(dir.resolve(Journal.FILE_NAME));
            assertThat(text).doesNotContain("BL:").contains("\"step\":\"AUTH_REQUESTED\"");
        }

        @Test
        void tellsTheListenerOnlyAfterTheRecordIsWritten() {
            List<Long> sizes = new ArrayList<>();
            try (Journal journal = Journal.open(dir, r -> sizes.add(dir.resolve(Journal.FILE_NAME).toFile().length()))) {
                journal.append(requested("T1", 1));
            }
            assertThat(sizes).hasSize(1).allMatch(size -> size > 0);
        }
    }

    @Nested
    class Queries {

        @Test
        void listsUnfinishedTransactionsAndPendingReversals() {
            try (Journal journal = Journal.open(dir)) {
                JournalRecord done = requested("T1", 1);
                journal.append(done);
                journal.append(done.next(JournalStep.COMPLETED, AT));
                JournalRecord pending = requested("T2", 2);
                journal.append(pending);
                JournalRecord queued = Reversals.queue(journal, pending, Money.ofMinor(0, "CNY"), java.time.Clock.fixed(AT, java.time.ZoneOffset.UTC));
                assertThat(journal.unfinished()).containsExactly("T2");
                assertThat(journal.pendingReversals()).containsExactly(queued);
                assertThat(queued.adviceStan()).isEqualTo(journal.stans().last());
                assertThat(queued.toAdvice("ITM00101", "BR001").isFull()).isTrue();
            }
        }
    }
}
