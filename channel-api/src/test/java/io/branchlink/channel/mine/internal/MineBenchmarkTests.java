package io.branchlink.channel.mine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the "Mine" benchmark once on a small history, so that it cannot silently break; no timing is asserted. */
class MineBenchmarkTests {

    @Test
    void loadsAHistoryAndMeasuresEveryQuery() throws Exception {
        Map<String, Object> results = MineBenchmark.run("--own=600", "--postings=5000", "--customers=50",
                "--calls=5", "--warmup=1", "--data=target/mine-benchmark-tests-postgres");

        assertThat((long) results.get("own postings")).isGreaterThanOrEqualTo(600);
        assertThat((long) results.get("rows in postings")).isGreaterThanOrEqualTo(5000);
        assertThat((long) results.get("customer's postings")).isEqualTo(results.get("own postings"));
        assertThat((long) results.get("customer's summary rows")).isPositive();
        for (String measured : new String[] {"service 12 months", "floor (flows SQL) 12 months",
                "without summary 12 months", "service 60 months", "floor (flows SQL) 60 months",
                "without summary 60 months", "posting, summary trigger on", "posting, summary trigger off"}) {
            assertThat((double) results.get(measured + " p99 ms")).as(measured).isPositive();
        }
    }
}
