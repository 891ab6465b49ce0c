package io.branchlink.demo.counter;

import io.branchlink.demo.Await;
import io.branchlink.demo.Branch;
import io.branchlink.demo.DemoCustomers;
import io.branchlink.demo.TellerConsole;
import io.branchlink.demo.TellerCounter;
import io.branchlink.demo.fleet.FleetSimulator;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.sim.app.FormSamples;
import io.branchlink.sim.app.SimulatedApp;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Times the counter as the teller lives it, through the real stack (the app's channel-api calls, the hub's feed and
 * console, the teller terminal's agent on a simulated scanner and printer):
 * <ul>
 * <li><b>scan to console</b>: from the customer holding the phone up to the scanner until the console's API serves
 *     the form (scanner frame, QR decoding, MQTT to the hub, token checks, the staged form looked up); the console
 *     page adds its polling interval, 250 ms, so up to 0.25 s more in the browser;</li>
 * <li><b>click to voucher</b>: from the teller's confirm request until its answer, by which time channel-api has
 *     executed the business, rendered and archived the PDF voucher, and the hub has sent it to the printer;</li>
 * <li><b>click to printed</b>: until the terminal's printer has printed it.</li>
 * </ul>
 * Then prints the teller's keystroke comparison ({@link CounterEffort}). Run it with
 * {@code mvn -B -q -pl demo -am compile exec:exec@counter -Dcounter.args="--forms=300"}.
 */
public final class CounterBenchmark {

    /**
     * Business types that alice can repeat hundreds of times with her demo balances. A large-cash booking holds at
     * least 50,000 CNY of hers until its day (docs/cash-bookings.md), so it cannot be repeated and is not in the mix.
     */
    private static final List<String> MIX = List.of("TIME_DEPOSIT_OPENING", "TRANSFER_REMITTANCE",
            "DEPOSIT_CERTIFICATE", "PASSWORD_RESET");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Branch branch;
    private final PrintStream out;

    CounterBenchmark(Branch branch, PrintStream out) {
        this.branch = branch;
        this.out = out;
    }

    /** The latencies of {@code forms} forms after {@code warmUp} unmeasured ones, in microseconds. */
    record Result(Histogram scanToConsole, Histogram clickToVoucher, Histogram clickToPrinted, int forms) {
    }

    Result run(int warmUp, int forms) {
        SimulatedApp alice = branch.phone("alice-phone");
        alice.login("alice", "alice-demo-pass");
        TellerConsole console = new TellerConsole(branch.hubUrl(), Branch.TELLER_ID, Branch.TELLER_PASSWORD);
        FormSamples samples = new FormSamples(Clock.systemDefaultZone(), 42L);
        Result result = new Result(histogram(), histogram(), histogram(), forms);
        FleetSimulator.Progress progress = new FleetSimulator.Progress(warmUp + forms, out);
        for (int i = 0; i < warmUp + forms; i++) {
            String type = MIX.get(i % MIX.size());
            SimulatedApp.Draft draft = alice.submit(alice.createDraft(type, affordable(type, samples)).id(),
                    Branch.BRANCH_ID);
            String qr = alice.formQrShownOnScreen(draft.id());
            boolean measured = i >= warmUp;
            one(console, draft.id(), qr, measured ? result : null);
            progress.completed();
        }
        return result;
    }

    private void one(TellerConsole console, String draftId, String qr, Result result) {
        TellerCounter counter = branch.counter();
        int printedBefore = counter.printer().documents().size();
        long scanned = System.nanoTime();
        counter.camera().present(qr);
        TellerConsole.View view = console.awaitForm(draftId, PATIENCE);
        long shown = System.nanoTime();
        TellerConsole.Decision decision = console.confirm(draftId, view.confirmationId());
        long answered = System.nanoTime();
        if (!"EXECUTED".equals(decision.outcome())) {
            throw new IllegalStateException(view.type() + " was not executed: " + decision.outcome() + " "
                    + decision.message());
        }
        if (!Await.until(() -> counter.printer().documents().size() > printedBefore, PATIENCE)) {
            throw new IllegalStateException("the voucher was not printed within " + PATIENCE);
        }
        long printed = System.nanoTime();
        if (result != null) {
            result.scanToConsole().recordValue(micros(shown - scanned));
            result.clickToVoucher().recordValue(micros(answered - shown));
            result.clickToPrinted().recordValue(micros(printed - shown));
        }
    }

    /** A sample alice's balances cover however often it repeats: small amounts, her own CNY current account. */
    private static Map<String, String> affordable(String type, FormSamples samples) {
        Map<String, String> values = new LinkedHashMap<>(samples.sample(type, DemoCustomers.ALICE));
        switch (type) {
            case "TIME_DEPOSIT_OPENING" -> values.putAll(Map.of("sourceAccount", DemoCustomers.ALICE.currentAccount(),
                    "currency", "CNY", "amount", "50.00"));
            case "TRANSFER_REMITTANCE" -> values.put("amount", "1.00");
            case "DEPOSIT_CERTIFICATE" -> values.putAll(Map.of("currency", "CNY", "amount", "1.00"));
            default -> {
            }
        }
        return values;
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    }

    private static long micros(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    static void print(Result result, PrintStream out) {
        out.printf("%nCounter latency over %d forms (ms)%n", result.forms());
        out.printf("%-18s %8s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "max", "mean");
        row(out, "scan to console", result.scanToConsole());
        row(out, "click to voucher", result.clickToVoucher());
        row(out, "click to printed", result.clickToPrinted());
    }

    private static void row(PrintStream out, String name, Histogram h) {
        out.printf("%-18s %8.1f %8.1f %8.1f %8.1f %8.1f%n", name, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                h.getMean() / 1000.0);
    }

    /** {@code --forms=300 --warm-up=30}: starts a branch, times the counter, prints the keystroke comparison. */
    public static void main(String[] args) throws IOException {
        int forms = 300;
        int warmUp = 30;
        for (String arg : args) {
            if (arg.startsWith("--forms=")) {
                forms = Integer.parseInt(arg.substring("--forms=".length()));
            } else if (arg.startsWith("--warm-up=")) {
                warmUp = Integer.parseInt(arg.substring("--warm-up=".length()));
            } else if (!arg.isBlank()) {
                System.err.println("usage: CounterBenchmark [--forms=300] [--warm-up=30]");
                System.exit(2);
            }
        }
        if (System.getProperty("logging.level.root") == null) {
            System.setProperty("logging.level.root", "WARN");
        }
        Path workDir = Files.createTempDirectory("branchlink-counter");
        Branch.Settings settings = Branch.Settings.forTests(workDir);
        System.out.printf("counter: starting branch %s with teller terminal %s in %s%n", Branch.BRANCH_ID,
                Branch.TELLER_TERMINAL, workDir);
        boolean passed;
        try (Branch branch = Branch.start(settings)) {
            Result result = new CounterBenchmark(branch, System.out).run(warmUp, forms);
            print(result, System.out);
            List<String> violations = branch.moneyInvariantViolations();
            System.out.println(violations.isEmpty() ? "Money invariants hold." : "Money invariants broken: "
                    + violations);
            passed = violations.isEmpty();
        }
        System.out.printf("%nTeller data entry with and without pre-fill (Keystroke-Level Model, 200 forms a type)%n%n");
        System.out.print(CounterEffort.markdown(CounterEffort.estimate(FormCatalog.load(), 200, 1L)));
        System.exit(passed ? 0 : 1);
    }
}
