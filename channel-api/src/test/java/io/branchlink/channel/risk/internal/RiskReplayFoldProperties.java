package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The replay's fold key by key ({@link ReplayFold}, in chunks, on several threads) leaves the state that recording
 * the same history event by event ({@link FeatureState#record}) leaves: every feature of the catalogue, the trust
 * features among them, is equal, whatever the chunk size (one event, a few, all).
 */
class RiskReplayFoldProperties {

    @Property(tries = 80)
    void foldingKeyByKeyGivesTheStateOfRecordingEventByEvent(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 800) int events, @ForAll @IntRange(min = 1, max = 120) int payees,
            @ForAll @IntRange(min = 1, max = 1000) int chunk, @ForAll @IntRange(min = 0, max = 200_000) int readAfter) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RiskEvent> history = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            history.add(RiskCompactStateProperties.event(random, payees, false));
        }
        // the replay reads in the order events happened (ties in the order they were stored)
        history.sort(Comparator.comparing(RiskEvent::occurredAt));
        FeatureState recorded = RiskCompactStateProperties.state();
        history.forEach(recorded::record);
        FeatureState replayed = RiskCompactStateProperties.state();
        long folded;
        try (ReplayFold fold = new ReplayFold(replayed, chunk)) {
            history.forEach(fold::add);
            folded = fold.finish();
        }

        assertThat(folded).isEqualTo(events);
        assertThat(replayed.size()).isEqualTo(recorded.size());
        Instant now = history.get(history.size() - 1).occurredAt().plusSeconds(readAfter);
        for (int r = 0; r < 4; r++) {
            RiskRequest request = RiskCompactStateProperties.request(random, payees);
            assertThat(replayed.features(request, now)).isEqualTo(recorded.features(request, now));
        }
    }
}
