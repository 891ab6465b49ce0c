package io.branchlink.demo.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.system.TransactionOutcome.Result;
import io.branchlink.demo.Branch;
import io.branchlink.demo.Itm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSimulatorIntegrationTests {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Test
    void aSmallFleetWithFaultsEndsEveryVisitAndKeepsTheMoneyInvariants(@TempDir Path workDir) {
        // seed 7 with a 30 % fault rate puts faults into this plan of 12 visits
        FleetSimulator.Options options = new FleetSimulator.Options(3, 12, 0.3, 0.7, 7);
        assertThat(FleetSimulator.plan(options)).anyMatch(v -> v.fault() != FleetSimulator.Fault.NONE)
                .anyMatch(v -> v.kind() == FleetSimulator.Kind.DEPOSIT)
                .anyMatch(v -> v.kind() == FleetSimulator.Kind.WITHDRAWAL);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir).withItms(3))) {
            assertThat(branch.itms()).extracting(Itm::terminalId)
                    .containsExactly("ITM00101", "ITM00102", "ITM00103");
            assertThat(branch.moneyInvariantViolations()).as("a third ITM loaded as its books say").isEmpty();

            FleetReport report = new FleetSimulator(branch, options,
                    new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
            report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(report.errors()).isEmpty();
            assertThat(report.visits()).isEqualTo(12);
            assertThat(report.ended()).as("every visit reached an outcome").isEqualTo(12);
            assertThat(report.kinds().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
            assertThat(report.faults().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
            assertThat(report.count(Result.COMPLETED)).isPositive();
            assertThat(report.reversalsSettled()).isEqualTo(report.count(Result.REVERSAL_PENDING));
            assertThat(report.reversalsUnsettled()).isZero();
            for (Itm itm : branch.itms()) {
                await().atMost(SETTLE).until(() -> itm.agent().journal().pendingReversals().isEmpty());
            }
            await().atMost(SETTLE).untilAsserted(() ->
                    assertThat(branch.moneyInvariantViolations()).as("money invariants").isEmpty());
            assertThat(report.violations()).isEmpty();
            assertThat(report.passed()).isTrue();

            assertThat(report.wholeTransaction().getTotalCount()).isEqualTo(12);
            assertThat(report.scanTo0210().getTotalCount()).isPositive();
            assertThat(report.isoRoundTrip().getTotalCount()).isEqualTo(report.scanTo0210().getTotalCount());
            for (var histogram : new org.HdrHistogram.Histogram[] {report.scanTo0210(), report.isoRoundTrip(),
                    report.wholeTransaction()}) {
                for (double percentile : new double[] {50, 90, 99, 99.9}) {
                    assertThat(histogram.getValueAtPercentile(percentile)).isPositive();
                }
                assertThat(histogram.getMaxValue()).isPositive();
            }
            assertThat(report.scanTo0210().getValueAtPercentile(50))
                    .isGreaterThanOrEqualTo(report.isoRoundTrip().getValueAtPercentile(50));
            assertThat(report.hubIsoCount()).isPositive();
            assertThat(report.throughput()).isPositive();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("12/12 100%", "p99.9", "fleet: PASSED");
    }

    @Test
    void optionsParseFromTheCommandLine() {
        FleetSimulator.Options options = FleetSimulator.Options.parse("--itms=4", "--transactions=50",
                "--fault-rate=0.05", "--seed=1");

        assertThat(options).isEqualTo(new FleetSimulator.Options(4, 50, 0.05, 0.7, 1));
        assertThat(FleetSimulator.plan(options)).isEqualTo(FleetSimulator.plan(options)).hasSize(50);
    }
}
