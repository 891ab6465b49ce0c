package io.branchlink.channel.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FeedSignalsTests {

    private final FeedSignals signals = new FeedSignals();

    private CompletableFuture<Boolean> waitingPoll(String branch) {
        long seen = signals.current(branch);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return signals.awaitChange(branch, seen, deadline);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aCommittedEventWakesThePollsOfItsBranchOnly() throws Exception {
        CompletableFuture<Boolean> br001 = waitingPoll("BR001");
        CompletableFuture<Boolean> br002 = waitingPoll("BR002");

        signals.on(new FormFeedChanged("BR001"));

        assertThat(br001.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(br002).isNotDone();
        signals.closing();
        assertThat(br002.get(10, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void closingAnswersEveryWaitingPollAtOnceAndLaterOnesDoNotWait() throws Exception {
        CompletableFuture<Boolean> waiting = waitingPoll("BR001");

        signals.closing();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(waitingPoll("BR009").get(10, TimeUnit.SECONDS)).isFalse();
    }
}
