package io.branchlink.hub.reversal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.hub.reversal.PendingAdvice;
import io.branchlink.hub.reversal.PendingReversal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReversalStoreTests {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    private static PendingReversal reversal(int stan, long completed, Instant queuedAt) {
        return new PendingReversal("WITHDRAWAL", "ITM00101", stan, AT, completed, "CNY", "ADVICE", queuedAt);
    }

    @Test
    void keepsPendingReversalsAcrossAnotherStoreOnTheSameDirectory(@TempDir Path directory) {
        new ReversalStore(directory).save(reversal(1, 0, AT));
        new ReversalStore(directory).save(reversal(2, 50_00, AT.plusSeconds(1)));

        ReversalStore afterRestart = new ReversalStore(directory);

        assertThat(afterRestart.pending()).extracting(PendingReversal::originalStan).containsExactly(1, 2);
        assertThat(afterRestart.pending().get(1).completedMinor()).isEqualTo(50_00);
    }

    @Test
    void keepsPendingAdvicesWithTheirTokenAcrossARestartAndARepeatReplacesItself(@TempDir Path directory) {
        AdviceStore store = new AdviceStore(directory.resolve("advices"));
        store.save(new PendingAdvice("ITM00101", 5, AT, 1_200_00, "CNY", "000000000005", "BL:TOKEN", AT));
        store.save(new PendingAdvice("ITM00101", 5, AT, 1_200_00, "CNY", "000000000005", "BL:TOKEN",
                AT.plusSeconds(3)));

        AdviceStore afterRestart = new AdviceStore(directory.resolve("advices"));

        assertThat(afterRestart.pending()).singleElement().satisfies(advice -> {
            assertThat(advice.token()).isEqualTo("BL:TOKEN");
            assertThat(advice.keptMinor()).isEqualTo(1_200_00);
        });
        assertThat(new ReversalStore(directory).pending()).isEmpty();
    }

    @Test
    void aResentReversalReplacesItselfInsteadOfQueueingTwice(@TempDir Path directory) {
        ReversalStore store = new ReversalStore(directory);

        store.save(reversal(7, 0, AT));
        store.save(reversal(7, 0, AT.plusSeconds(5)));

        assertThat(store.pending()).hasSize(1);
    }

    @Test
    void removesADecidedReversalAndLeavesNoTemporaryFiles(@TempDir Path directory) throws IOException {
        ReversalStore store = new ReversalStore(directory);
        PendingReversal reversal = reversal(9, 0, AT);
        store.save(reversal);

        store.remove(reversal);

        assertThat(store.pending()).isEmpty();
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void skipsAnUnreadableFileAndKeepsItForAnOperator(@TempDir Path directory) throws IOException {
        ReversalStore store = new ReversalStore(directory);
        Files.writeString(directory.resolve("broken.json"), "{not json");
        store.save(reversal(3, 0, AT));

        assertThat(store.pending()).extracting(PendingReversal::originalStan).containsExactly(3);
        assertThat(directory.resolve("broken.json")).exists();
    }
}
