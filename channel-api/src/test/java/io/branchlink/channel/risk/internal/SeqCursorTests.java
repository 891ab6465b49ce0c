package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeqCursorTests {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final SeqCursor cursor = new SeqCursor("t", 10, List.of(), Duration.ofSeconds(30), 0, meters);

    private double givenUp() {
        return meters.counter("branchlink.risk.tail.gaps.given_up", "table", "t").count();
    }

    @Test
    void takesRowsAboveTheHighestOnceEach() {
        assertThat(cursor.take(11, 0)).isTrue();
        assertThat(cursor.take(12, 0)).isTrue();
        assertThat(cursor.take(12, 0)).isFalse();
        assertThat(cursor.take(9, 0)).isFalse();
        assertThat(cursor.high()).isEqualTo(12);
        assertThat(cursor.gapCount()).isZero();
    }

    @Test
    void remembersTheNumbersSkippedAndTakesThemWhenTheyCommit() {
        assertThat(cursor.take(14, 0)).isTrue();
        assertThat(cursor.gaps(10)).containsExactly(11L, 12L, 13L);
        assertThat(cursor.take(12, 1_000)).isTrue();
        assertThat(cursor.take(12, 1_000)).isFalse();
        assertThat(cursor.gaps(10)).containsExactly(11L, 13L);
        assertThat(cursor.gaps(1)).containsExactly(11L);
    }

    @Test
    void passesOverTheNodesOwnRowsAboveAndInAGap() {
        cursor.own(11);
        cursor.own(13);
        assertThat(cursor.take(11, 0)).isFalse();
        assertThat(cursor.take(14, 0)).isTrue();
        assertThat(cursor.take(13, 0)).isFalse();
        assertThat(cursor.high()).isEqualTo(14);
        assertThat(cursor.gaps(10)).containsExactly(12L);
    }

    @Test
    void givesUpAGapAfterTheTimeoutAndCountsIt() {
        cursor.take(13, 0);
        assertThat(cursor.expire(29_999)).isZero();
        assertThat(cursor.gapCount()).isEqualTo(2);
        assertThat(cursor.expire(30_000)).isEqualTo(2);
        assertThat(cursor.gapCount()).isZero();
        assertThat(givenUp()).isEqualTo(2.0);
        assertThat(cursor.take(11, 30_001)).as("a row committed after its gap was given up").isFalse();
    }

    @Test
    void anOwnWriteThatFailedIsGivenUpLikeARollback() {
        cursor.own(11);
        cursor.failed(11);
        cursor.take(12, 0);
        assertThat(cursor.gaps(10)).containsExactly(11L);
        cursor.expire(30_000);
        assertThat(givenUp()).isEqualTo(1.0);
    }

    @Test
    void aJumpOfTheSequenceBeyondTheGapLimitGivesUpTheLowestAtOnce() {
        long seq = 10 + SeqCursor.MAX_GAPS + 6;
        assertThat(cursor.take(seq, 0)).isTrue();
        assertThat(cursor.gapCount()).isEqualTo(SeqCursor.MAX_GAPS);
        assertThat(givenUp()).isEqualTo(5.0);
        assertThat(cursor.gaps(1)).containsExactly(16L);
    }

    @Test
    void startsWithTheGapsOfTheSnapshotBelowItsHighest() {
        SeqCursor started = new SeqCursor("t", 10, List.of(7L, 9L, 12L), Duration.ofSeconds(1), 0, meters);
        assertThat(started.gaps(10)).containsExactly(7L, 9L);
        assertThat(started.take(9, 500)).isTrue();
        assertThat(started.expire(1_000)).isEqualTo(1);
    }
}
