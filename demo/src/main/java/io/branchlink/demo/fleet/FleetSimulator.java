package io.branchlink.demo.fleet;

import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.channel.demo.BankSetup;
import io.branchlink.demo.Branch;
import io.branchlink.demo.Itm;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives a whole branch as a fleet: N ITMs serve a mix of cardless withdrawals and deposits concurrently (one
 * customer at a time per ITM, as at a real machine) through the real stack, channel-api, the hub and the agents on
 * simulated devices, with device faults injected at a configurable rate. Reports latency percentiles, throughput,
 * outcomes and the money invariants.
 *
 * <p>Run it with {@code mvn -B -q -pl demo -am compile exec:exec@fleet -Dfleet.args="--itms=4 --transactions=100"}.
 *
 * <p>Latencies, all in the ITM's own terms:
 * <ul>
 * <li><b>scan to 0210</b>: from the moment the customer holds the QR code to the camera until the agent journals the
 * hub's 0210 ({@code AUTH_APPROVED} or {@code AUTH_DECLINED}); it includes frame capture and QR decoding, and for a
 * deposit the counting of the notes in escrow;</li>
 * <li><b>ISO round trip</b>: from the journal's {@code AUTH_REQUESTED} (0200 about to be sent) to the 0210;</li>
 * <li><b>whole transaction</b>: from the QR code shown to the outcome, cash taken or stored, receipts and reversals
 * included (simulated devices take no physical time).</li>
 * </ul>
 * The hub's own {@code branchlink.hub.iso.latency} timer (0200 decoded to 0210 encoded) is reported alongside.
 */
public final class FleetSimulator {

    /** Generous opening balance of every simulated customer, in minor units. */
    static final long CUSTOMER_BALANCE_MINOR = 1_000_000_00L;
    /** A customer makes at most this many visits: 7 × 2,000 CNY, and two restaged tokens, stay within the daily limit. */
    static final int VISITS_PER_CUSTOMER = 7;
    /** The largest withdrawal drawn, in CNY; amounts are whole hundreds from 100. */
    static final int MAX_WITHDRAWAL_HUNDREDS = 20;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int MAX_STAGING_ATTEMPTS = 3;

    /**
     * What to run.
     *
     * @param itms how many ITMs the branch has (all of them serve)
     * @param transactions how many customer visits in all, shared round-robin among the ITMs
     * @param faultRate the probability that a visit meets a device fault
     * @param withdrawalShare the probability that a visit is a withdrawal rather than a deposit
     * @param seed the seed of the plan: kinds, amounts and faults
     */
    public record Options(int itms, int transactions, double faultRate, double withdrawalShare, long seed,
            Flow flow) {

        public Options(int itms, int transactions, double faultRate, double withdrawalShare, long seed) {
            this(itms, transactions, faultRate, withdrawalShare, seed, Flow.PHONE_SHOWS);
        }

        public Options {
            if (flow == null) {
                throw new IllegalArgumentException("--flow is phone-shows or itm-shows");
            }
            if (itms < 1 || itms > 99) {
                throw new IllegalArgumentException("--itms must be between 1 and 99");
            }
            if (transactions < 1) {
                throw new IllegalArgumentException("--transactions must be positive");
            }
            if (faultRate < 0 || faultRate > 1 || withdrawalShare < 0 || withdrawalShare > 1) {
                throw new IllegalArgumentException("rates are probabilities between 0 and 1");
            }
        }

        public static Options defaults() {
            return new Options(4, 100, 0.05, 0.7, 1);
        }

        /**
         * Parses {@code --itms=4 --transactions=100 --fault-rate=0.05 --withdrawal-share=0.7 --seed=1
         * --flow=phone-shows}.
         */
        public static Options parse(String... args) {
            Options o = defaults();
            int itms = o.itms();
            int transactions = o.transactions();
            double faultRate = o.faultRate();
            double withdrawalShare = o.withdrawalShare();
            long seed = o.seed();
            Flow flow = o.flow();
            for (String arg : args) {
                if (arg.isBlank()) {
                    continue;
                }
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("expected --name=value, got " + arg);
                }
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                switch (name) {
                    case "itms" -> itms = Integer.parseInt(value);
                    case "transactions" -> transactions = Integer.parseInt(value);
                    case "fault-rate" -> faultRate = Double.parseDouble(value);
                    case "withdrawal-share" -> withdrawalShare = Double.parseDouble(value);
                    case "seed" -> seed = Long.parseLong(value);
                    case "flow" -> flow = switch (value) {
                        case "phone-shows" -> Flow.PHONE_SHOWS;
                        case "itm-shows" -> Flow.ITM_SHOWS;
                        default -> throw new IllegalArgumentException("--flow is phone-shows or itm-shows");
                    };
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            return new Options(itms, transactions, faultRate, withdrawalShare, seed, flow);
        }
    }

    /**
     * Which way the code goes: the phone shows a staged token and the ITM's camera reads it, or the ITM shows its
     * session code and the phone scans and claims it (docs/architecture.md, flow 4).
     */
    public enum Flow { PHONE_SHOWS, ITM_SHOWS }

    /** A customer visit's kind. */
    public enum Kind { WITHDRAWAL, DEPOSIT }

    /** The device fault a visit meets, if any. */
    public enum Fault {
        NONE,
        /** The dispenser jams part-way through picking the notes. */
        DISPENSER_JAM,
        /** The customer walks away from the presented cash; it is retracted. */
        CASH_NOT_TAKEN,
        /** The dispenser picks one note fewer than asked. */
        SHORT_DISPENSE,
        /** The acceptor jams while storing the counted notes. */
        STORE_JAM
    }

    /**
     * One planned visit.
     *
     * @param itm index of the ITM
     * @param amountHundreds withdrawal: the amount in hundreds of CNY
     * @param hundreds deposit: 100 CNY notes inserted
     * @param fifties deposit: 50 CNY notes inserted
     * @param suspect deposit: notes the validator will refuse and hand back
     * @param jamAfter dispenser jam: notes reaching the stacker before it jams
     */
    record Visit(int itm, int sequence, Kind kind, int amountHundreds, int hundreds, int fifties, int suspect,
            Fault fault, int jamAfter) {
    }

    private final Branch branch;
    private final Options options;
    private final PrintStream out;

    public FleetSimulator(Branch branch, Options options, PrintStream out) {
        if (branch.itms().size() < options.itms()) {
            throw new IllegalArgumentException("the branch has " + branch.itms().size() + " ITMs, the fleet needs "
                    + options.itms());
        }
        this.branch = branch;
        this.options = options;
        this.out = out;
    }

    /** The whole plan, drawn from the seed alone, so the same options replay the same visits. */
    static List<Visit> plan(Options options) {
        Random random = new Random(options.seed());
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < options.transactions(); i++) {
            int itm = i % options.itms();
            boolean withdrawal = random.nextDouble() < options.withdrawalShare();
            boolean faulty = random.nextDouble() < options.faultRate();
            if (withdrawal) {
                int hundreds = 1 + random.nextInt(MAX_WITHDRAWAL_HUNDREDS);
                Fault fault = faulty ? switch (random.nextInt(3)) {
                    case 0 -> Fault.DISPENSER_JAM;
                    case 1 -> Fault.CASH_NOT_TAKEN;
                    default -> Fault.SHORT_DISPENSE;
                } : Fault.NONE;
                // the dispenser pays whole hundreds in 100 CNY notes, so the amount in hundreds is the note count
                int jamAfter = fault == Fault.DISPENSER_JAM ? random.nextInt(hundreds) : 0;
                visits.add(new Visit(itm, i, Kind.WITHDRAWAL, hundreds, 0, 0, 0, fault, jamAfter));
            } else {
                int hundreds = 1 + random.nextInt(20);
                int fifties = random.nextInt(6);
                int suspect = random.nextInt(10) == 0 ? 1 : 0;
                visits.add(new Visit(itm, i, Kind.DEPOSIT, 0, hundreds, fifties, suspect,
                        faulty ? Fault.STORE_JAM : Fault.NONE, 0));
            }
        }
        return visits;
    }

    /** Runs the fleet to the end, waits for every reversal to settle and checks the money invariants. */
    public FleetReport run() {
        List<Visit> visits = plan(options);
        List<Itm> itms = branch.itms().subList(0, options.itms());
        List<List<Visit>> perItm = new ArrayList<>();
        for (int i = 0; i < itms.size(); i++) {
            perItm.add(new ArrayList<>());
        }
        visits.forEach(v -> perItm.get(v.itm()).add(v));

        out.printf("fleet: %d ITMs, %d transactions, fault rate %.3f, seed %d%n", options.itms(),
                options.transactions(), options.faultRate(), options.seed());
        List<List<Customer>> customers = new ArrayList<>();
        for (int i = 0; i < itms.size(); i++) {
            customers.add(customers(i, (perItm.get(i).size() + VISITS_PER_CUSTOMER - 1) / VISITS_PER_CUSTOMER));
        }
        out.printf("fleet: %d customers ready%n", customers.stream().mapToInt(List::size).sum());

        // the hub registers the timer with the first 0200 it answers: look it up again at the end
        Timer hubTimer = hubIsoTimer();
        long hubCountBefore = hubTimer == null ? 0 : hubTimer.count();
        double hubTotalBefore = hubTimer == null ? 0 : hubTimer.totalTime(TimeUnit.MICROSECONDS);

        Progress progress = new Progress(options.transactions(), out);
        ExecutorService pool = Executors.newFixedThreadPool(itms.size(), r -> {
            Thread t = new Thread(r, "fleet-itm");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        List<Future<Lane>> lanes = new ArrayList<>();
        for (int i = 0; i < itms.size(); i++) {
            Itm itm = itms.get(i);
            List<Visit> mine = perItm.get(i);
            List<Customer> mineCustomers = customers.get(i);
            lanes.add(pool.submit(() -> runLane(itm, mine, mineCustomers, progress)));
        }
        List<Lane> finished = new ArrayList<>();
        try {
            for (Future<Lane> lane : lanes) {
                finished.add(lane.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("an ITM lane failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        // every reversal reaches its 0430, then the books catch up with the hub's forwarding
        int settled = 0;
        int unsettled = 0;
        for (Lane lane : finished) {
            for (String txnId : lane.pendingReversals) {
                if (lane.itm.agent().awaitReversalSettled(txnId, SETTLE)) {
                    settled++;
                } else {
                    unsettled++;
                }
            }
        }
        int journalPending = itms.stream().mapToInt(itm -> itm.agent().journal().pendingReversals().size()).sum();
        List<String> violations = awaitInvariants();

        Histogram scanTo0210 = histogram();
        Histogram isoRoundTrip = histogram();
        Histogram whole = histogram();
        Histogram confirmToCash = histogram();
        Map<TransactionOutcome.Result, Integer> outcomes = new EnumMap<>(TransactionOutcome.Result.class);
        Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        List<String> errors = new ArrayList<>();
        int restaged = 0;
        for (Lane lane : finished) {
            restaged += lane.restaged.get();
            scanTo0210.add(lane.scanTo0210);
            isoRoundTrip.add(lane.isoRoundTrip);
            whole.add(lane.whole);
            confirmToCash.add(lane.confirmToCash);
            lane.outcomes.forEach((k, v) -> outcomes.merge(k, v, Integer::sum));
            lane.faults.forEach((k, v) -> faults.merge(k, v, Integer::sum));
            lane.kinds.forEach((k, v) -> kinds.merge(k, v, Integer::sum));
            errors.addAll(lane.errors);
        }
        hubTimer = hubIsoTimer();
        long hubCount = hubTimer == null ? 0 : hubTimer.count() - hubCountBefore;
        double hubMeanMicros = hubCount == 0 ? 0
                : (hubTimer.totalTime(TimeUnit.MICROSECONDS) - hubTotalBefore) / hubCount;
        double hubMaxMicros = hubTimer == null ? 0 : hubTimer.max(TimeUnit.MICROSECONDS);
        return new FleetReport(options, visits.size(), kinds, faults, outcomes, errors, restaged, settled, unsettled,
                journalPending, scanTo0210, isoRoundTrip, whole, elapsed, hubCount, hubMeanMicros, hubMaxMicros,
                violations, confirmToCash);
    }

    private Lane runLane(Itm itm, List<Visit> visits, List<Customer> customers, Progress progress) {
        Lane lane = new Lane(itm);
        for (int i = 0; i < visits.size(); i++) {
            Visit visit = visits.get(i);
            Customer customer = customers.get(i / VISITS_PER_CUSTOMER);
            lane.kinds.merge(visit.kind(), 1, Integer::sum);
            lane.faults.merge(visit.fault(), 1, Integer::sum);
            try {
                lane.record(visit(itm, visit, customer, lane.restaged));
            } catch (RuntimeException e) {
                lane.errors.add(itm.terminalId() + " visit " + visit.sequence() + ": " + e.getClass().getSimpleName()
                        + ": " + e.getMessage());
            }
            progress.completed();
        }
        return lane;
    }

    /**
     * Stages the visit's token in the app and reads the QR code off the phone's screen. Now and then the phone's
     * screen reader cannot read a rendered code back; the customer then cancels that token and stages another.
     */
    private static String stage(Visit visit, Customer customer, AtomicInteger restaged) {
        SimulatedApp app = customer.app();
        for (int attempt = 1; ; attempt++) {
            SimulatedApp.Staged staged = visit.kind() == Kind.WITHDRAWAL
                    ? app.stageWithdrawal(customer.account(), Money.ofMinor(visit.amountHundreds() * 100_00L, "CNY"),
                            Branch.BRANCH_ID)
                    : app.stageDeposit(customer.account(), Branch.BRANCH_ID);
            try {
                return app.qrShownOnScreen(staged);
            } catch (IllegalStateException e) {
                if (attempt == MAX_STAGING_ATTEMPTS) {
                    throw e;
                }
                app.cancel(staged.tokenId());
                restaged.incrementAndGet();
            }
        }
    }

    private Measured visit(Itm itm, Visit visit, Customer customer, AtomicInteger restaged) {
        if (options.flow() == Flow.ITM_SHOWS) {
            return claimAtItm(itm, visit, customer);
        }
        String qr = stage(visit, customer, restaged);
        injectFault(itm, visit);
        Instant shown = Instant.now();
        long start = System.nanoTime();
        itm.camera().present(qr);
        TransactionOutcome outcome = visit.kind() == Kind.WITHDRAWAL ? itm.agent().runWithdrawal()
                : itm.agent().runDeposit();
        long wholeNanos = System.nanoTime() - start;
        Long scanTo0210 = null;
        Long isoRoundTrip = null;
        if (outcome.txnId() != null) {
            List<JournalRecord> records = itm.agent().journal().records(outcome.txnId());
            Optional<Instant> requested = at(records, JournalStep.AUTH_REQUESTED);
            Optional<Instant> answered = records.stream()
                    .filter(r -> r.step() == JournalStep.AUTH_APPROVED || r.step() == JournalStep.AUTH_DECLINED)
                    .map(JournalRecord::at).findFirst();
            if (answered.isPresent()) {
                scanTo0210 = micros(Duration.between(shown, answered.get()));
                isoRoundTrip = requested.map(r -> micros(Duration.between(r, answered.get()))).orElse(null);
            }
        }
        return new Measured(outcome, scanTo0210, isoRoundTrip, Math.max(1, wholeNanos / 1_000), null);
    }

    /**
     * The ITM-shown flow: the customer presses "cardless", the phone reads the code off the ITM's screen and claims
     * it (the customer's confirmation), and the ITM serves the authorisation the hub sends it. Measures phone
     * confirmation to cash presented (withdrawal) or to notes stored (deposit), from the journal.
     */
    private Measured claimAtItm(Itm itm, Visit visit, Customer customer) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (itm.agent().sessionCode().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hub sent " + itm.terminalId() + " no session code");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        itm.agent().pressCardless();
        String code = customer.app().scanItmScreen(itm.screen().qrImage().orElseThrow())
                .orElseThrow(() -> new IllegalStateException("the ITM's screen does not decode"));
        injectFault(itm, visit);
        Instant confirmed = Instant.now();
        long start = System.nanoTime();
        if (visit.kind() == Kind.WITHDRAWAL) {
            customer.app().claimItmWithdrawal(code, customer.account(),
                    Money.ofMinor(visit.amountHundreds() * 100_00L, "CNY"), UUID.randomUUID().toString());
        } else {
            customer.app().claimItmDeposit(code, customer.account(), UUID.randomUUID().toString());
        }
        TransactionOutcome outcome = itm.agent().serveClaimedSession(SETTLE)
                .orElseThrow(() -> new IllegalStateException("no authorisation reached " + itm.terminalId()));
        long wholeNanos = System.nanoTime() - start;
        Long isoRoundTrip = null;
        Long confirmToCash = null;
        if (outcome.txnId() != null) {
            List<JournalRecord> records = itm.agent().journal().records(outcome.txnId());
            Optional<Instant> requested = at(records, JournalStep.AUTH_REQUESTED);
            Optional<Instant> answered = records.stream()
                    .filter(r -> r.step() == JournalStep.AUTH_APPROVED || r.step() == JournalStep.AUTH_DECLINED)
                    .map(JournalRecord::at).findFirst();
            isoRoundTrip = answered.flatMap(a -> requested.map(r -> micros(Duration.between(r, a)))).orElse(null);
            confirmToCash = at(records, visit.kind() == Kind.WITHDRAWAL ? JournalStep.DONE_PRESENT
                    : JournalStep.DONE_STORE).map(at -> micros(Duration.between(confirmed, at))).orElse(null);
        }
        return new Measured(outcome, null, isoRoundTrip, Math.max(1, wholeNanos / 1_000), confirmToCash);
    }

    private static void injectFault(Itm itm, Visit visit) {
        switch (visit.fault()) {
            case DISPENSER_JAM -> itm.dispenser().jamAfterNotes(visit.jamAfter());
            case CASH_NOT_TAKEN -> itm.dispenser().customerDoesNotTake();
            case SHORT_DISPENSE -> itm.dispenser().shortDispense(1);
            case STORE_JAM -> itm.acceptor().jamOnNextStore();
            case NONE -> { }
        }
        if (visit.kind() == Kind.DEPOSIT) {
            NoteMix notes = visit.fifties() == 0 ? NoteMix.ofMajor("CNY", 100, visit.hundreds())
                    : NoteMix.ofMajor("CNY", 100, visit.hundreds(), 50, visit.fifties());
            itm.acceptor().insert(notes, visit.suspect());
        }
    }

    private static Optional<Instant> at(List<JournalRecord> records, JournalStep step) {
        return records.stream().filter(r -> r.step() == step).map(JournalRecord::at).findFirst();
    }

    private static long micros(Duration duration) {
        return Math.max(1, duration.toNanos() / 1_000);
    }

    /** Customers for one ITM: fresh usernames, a phone bound 60 days ago, a generous balance, logged in. */
    private List<Customer> customers(int itm, int count) {
        BankSetup setup = branch.channelApiContext().getBean(BankSetup.class);
        Random random = new Random(options.seed() * 1_000_003L + itm);
        List<Customer> customers = new ArrayList<>();
        String run = HexFormat.of().toHexDigits(random.nextInt());
        for (int i = 0; i < count; i++) {
            String username = "fleet-" + run + "-" + itm + "-" + i;
            String password = UUID.randomUUID().toString();
            String phone = String.format("139%08d", random.nextInt(100_000_000));
            String accountNumber = String.format("62220299%02d%06d", itm, i);
            String deviceId = username + "-phone";
            UUID customerId = setup.customer(username, password, "Fleet customer " + username, phone);
            UUID account = setup.account(customerId, accountNumber, "Current account", CUSTOMER_BALANCE_MINOR);
            setup.bindDevice(customerId, deviceId, "Fleet phone", Instant.now().minus(Duration.ofDays(60)));
            SimulatedApp app = branch.phone(deviceId);
            app.login(username, password);
            // a fleet customer visits an ITM seven times: the risk engine steps up repeated withdrawals, and the
            // phone answers with its passkey (seeded phones have no soft-OTP secret)
            app.registerPasskey(Branch.APP_ORIGIN);
            customers.add(new Customer(app, account));
        }
        return customers;
    }

    private Timer hubIsoTimer() {
        MeterRegistry meters = branch.hubContext().getBean(MeterRegistry.class);
        return meters.find("branchlink.hub.iso.latency").tag("mti", "0200").timer();
    }

    /** The books catch up with reversals the hub forwards after its 0430; waits for that, within a bound. */
    private List<String> awaitInvariants() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<String> violations = branch.moneyInvariantViolations();
        while (!violations.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            violations = branch.moneyInvariantViolations();
        }
        return violations;
    }

    static Histogram histogram() {
        return new Histogram(3);
    }

    record Customer(SimulatedApp app, UUID account) {
    }

    /** @param confirmToCashMicros ITM-shown flow: phone confirmation to cash presented or notes stored */
    record Measured(TransactionOutcome outcome, Long scanTo0210Micros, Long isoRoundTripMicros, long wholeMicros,
            Long confirmToCashMicros) {
    }

    /** What one ITM's thread saw; only that thread writes it. */
    private static final class Lane {
        final Itm itm;
        final Histogram scanTo0210 = histogram();
        final Histogram isoRoundTrip = histogram();
        final Histogram whole = histogram();
        final Histogram confirmToCash = histogram();
        final Map<TransactionOutcome.Result, Integer> outcomes = new EnumMap<>(TransactionOutcome.Result.class);
        final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
        final Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        final List<String> pendingReversals = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final AtomicInteger restaged = new AtomicInteger();

        Lane(Itm itm) {
            this.itm = itm;
        }

        void record(Measured measured) {
            TransactionOutcome outcome = measured.outcome();
            outcomes.merge(outcome.result(), 1, Integer::sum);
            if (outcome.result() == TransactionOutcome.Result.REVERSAL_PENDING) {
                pendingReversals.add(outcome.txnId());
            }
            if (measured.scanTo0210Micros() != null) {
                scanTo0210.recordValue(measured.scanTo0210Micros());
            }
            if (measured.isoRoundTripMicros() != null) {
                isoRoundTrip.recordValue(measured.isoRoundTripMicros());
            }
            whole.recordValue(measured.wholeMicros());
            if (measured.confirmToCashMicros() != null) {
                confirmToCash.recordValue(measured.confirmToCashMicros());
            }
        }
    }

    /** A progress bar on its own line at every 5 % (and at the end), so it reads well between log lines too. */
    public static final class Progress {
        private final int total;
        private final PrintStream out;
        private final AtomicInteger done = new AtomicInteger();
        private final long started = System.nanoTime();
        private int lastShown = -1;

        public Progress(int total, PrintStream out) {
            this.total = total;
            this.out = out;
        }

        public void completed() {
            int now = done.incrementAndGet();
            int step = now * 20 / total;
            synchronized (this) {
                if (step == lastShown && now != total) {
                    return;
                }
                lastShown = step;
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("[%-20s] %5d/%d %3d%%  %.1f tx/s%n", "#".repeat(step), now, total, now * 100 / total,
                        seconds > 0 ? now / seconds : 0.0);
                out.flush();
            }
        }
    }

    /** {@code --itms=4 --transactions=100 --fault-rate=0.05 --seed=1}: starts a branch, runs the fleet, reports. */
    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: FleetSimulator [--itms=4] [--transactions=100] [--fault-rate=0.05]"
                    + " [--withdrawal-share=0.7] [--seed=1] [--flow=phone-shows|itm-shows]");
            System.exit(2);
            return;
        }
        quietLogs();
        Path workDir = Files.createTempDirectory("branchlink-fleet");
        Branch.Settings settings = new Branch.Settings(workDir, Branch.freePort(), Branch.freePort(), Branch.freePort(),
                Branch.freePort(),
                Duration.ofSeconds(10), Duration.ofSeconds(1), null, 0, Math.max(options.itms(), 2));
        System.out.printf("fleet: starting branch %s with %d ITMs in %s%n", Branch.BRANCH_ID, settings.itmCount(),
                workDir);
        FleetReport report;
        try (Branch branch = Branch.start(settings)) {
            report = new FleetSimulator(branch, options, System.out).run();
            report.print(System.out);
        }
        System.exit(report.passed() ? 0 : 1);
    }

    /** The branch logs every request at INFO; a benchmark run shows warnings only unless told otherwise. */
    private static void quietLogs() {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("logging.level.root", "WARN");
        levels.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
