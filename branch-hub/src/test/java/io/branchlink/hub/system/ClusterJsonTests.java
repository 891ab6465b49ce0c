package io.branchlink.hub.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastJsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClusterJsonTests {

    record Sample(String id, Instant at, int count) {
    }

    @Test
    void writesInstantsAsIsoTextAndReadsThemBack() {
        Sample sample = new Sample("ITM-1", Instant.parse("2026-03-01T10:15:30.123Z"), 3);

        HazelcastJsonValue json = ClusterJson.write(sample);

        assertThat(json.getValue()).contains("\"at\":\"2026-03-01T10:15:30.123Z\"");
        assertThat(ClusterJson.read(json, Sample.class)).isEqualTo(sample);
    }

    @Test
    void readsAnEntryWrittenByANewerNodeIgnoringWhatItDoesNotKnow() {
        HazelcastJsonValue newer = new HazelcastJsonValue(
                "{\"id\":\"ITM-1\",\"at\":\"2026-03-01T10:15:30Z\",\"count\":1,\"addedLater\":true}");

        assertThat(ClusterJson.read(newer, Sample.class))
                .isEqualTo(new Sample("ITM-1", Instant.parse("2026-03-01T10:15:30Z"), 1));
    }
}
