package io.branchlink.demo.fleet;

import io.branchlink.agent.system.TransactionOutcome;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a fleet run measured. Latency histograms are in microseconds.
 *
 * @param visits the visits planned (and attempted)
 * @param outcomes how the visits that reached an outcome ended
 * @param errors visits that failed before an outcome, e.g. the app could not stage a token
 * @param restaged tokens the customer cancelled and staged again because the phone could not show the QR code
 * @param reversalsSettled visits that ended {@code REVERSAL_PENDING} whose 0430 came back afterwards
 * @param reversalsUnsettled visits that ended {@code REVERSAL_PENDING} whose 0430 did not come back in time
 * @param journalPendingReversals reversals still waiting for their 0430 in the ITMs' journals at the end
 * @param hubIsoCount 0200s the hub answered during the run ({@code branchlink.hub.iso.latency}, mti 0200)
 * @param hubIsoMeanMicros their mean time in the hub, 0200 decoded to 0210 encoded
 * @param hubIsoMaxMicros the timer's recent maximum
 * @param violations the money invariants broken at the end
 * @param confirmToCash ITM-shown flow: from the phone's confirmation (its claim) to the cash presented (withdrawal)
 *     or the notes stored (deposit), from the ITM's journal
 */
public record FleetReport(FleetSimulator.Options options, int visits, Map<FleetSimulator.Kind, Integer> kinds,
        Map<FleetSimulator.Fault, Integer> faults, Map<TransactionOutcome.Result, Integer> outcomes,
        List<String> errors, int restaged, int reversalsSettled, int reversalsUnsettled, int journalPendingReversals,
        Histogram scanTo0210, Histogram isoRoundTrip, Histogram wholeTransaction, Duration elapsed, long hubIsoCount,
        double hubIsoMeanMicros, double hubIsoMaxMicros, List<String> violations, Histogram confirmToCash) {

    public FleetReport {
        kinds = Map.copyOf(kinds);
        faults = Map.copyOf(faults);
        outcomes = Map.copyOf(outcomes);
        errors = List.copyOf(errors);
        violations = List.copyOf(violations);
    }

    /** Visits that reached an outcome. */
    public int ended() {
        return outcomes.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(TransactionOutcome.Result result) {
        return outcomes.getOrDefault(result, 0);
    }

    /** Visits per second of wall time, all ITMs together. */
    public double throughput() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? visits / seconds : 0;
    }

    /** Every visit ended, no reversal is left pending and the money invariants hold. */
    public boolean passed() {
        return errors.isEmpty() && ended() == visits && reversalsUnsettled == 0 && journalPendingReversals == 0
                && violations.isEmpty();
    }

    public void print(PrintStream out) {
        out.println();
        out.printf("fleet: %d ITMs, %d visits (%s), fault rate %.3f, seed %d, flow %s%n", options.itms(), visits,
                kinds, options.faultRate(), options.seed(), options.flow());
        out.printf("faults injected: %s%n", faults);
        out.printf("outcomes: %s; errors %d; tokens staged again %d%n", outcomes, errors.size(), restaged);
        errors.stream().limit(10).forEach(e -> out.println("  error: " + e));
        out.printf("reversals: %d settled after the visit, %d unsettled, %d still pending in journals%n",
                reversalsSettled, reversalsUnsettled, journalPendingReversals);
        out.printf("wall time %.1f s, throughput %.2f visits/s%n", elapsed.toNanos() / 1e9, throughput());
        out.println();
        out.printf("%-22s %8s %9s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max");
        row(out, "scan -> 0210", scanTo0210);
        row(out, "ISO 0200 -> 0210", isoRoundTrip);
        row(out, "whole transaction", wholeTransaction);
        if (confirmToCash.getTotalCount() > 0) {
            row(out, "confirm -> cash", confirmToCash);
        }
        out.printf("hub iso.latency (0200): %d answered, mean %.2f ms, max %.2f ms%n", hubIsoCount,
                hubIsoMeanMicros / 1000, hubIsoMaxMicros / 1000);
        out.println();
        if (violations.isEmpty()) {
            out.println("money invariants: hold");
        } else {
            out.println("money invariants: " + violations.size() + " BROKEN");
            violations.forEach(v -> out.println("  " + v));
        }
        out.println(passed() ? "fleet: PASSED" : "fleet: FAILED");
        out.flush();
    }

    private static void row(PrintStream out, String name, Histogram h) {
        out.printf("%-22s %8d %9.2f %9.2f %9.2f %9.2f %9.2f%n", name, h.getTotalCount(),
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
