package io.branchlink.protocol.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs every benchmark in this package once, briefly and in-process, so that none can silently break. */
class JmhBenchmarksTests {

    @Test
    void runsEveryBenchmarkToAPositiveScore() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(JmhBenchmarksTests.class.getPackageName() + "\\..*Benchmarks\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results.stream().map(r -> r.getParams().getBenchmark()
                .substring(r.getParams().getBenchmark().lastIndexOf('.') + 1)).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("signAndEncode", "parseAndVerify", "jdkProviderSign", "jdkProviderVerify", "pack0200", "parse0200",
                        "frameAndRead", "unframe");
        for (RunResult result : results) {
            assertThat(result.getPrimaryResult().getScore()).as(result.getParams().getBenchmark()).isPositive();
        }
    }
}
