package io.branchlink.sim.device;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.DeviceState;
import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.device.Outcome;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A cash dispenser with one cassette per denomination, a stacker, an exit, a retract bin and a reject bin. It
 * denominates with the fewest notes the cassettes can supply, and injects faults two ways: probabilities drawn from
 * a seeded {@link Random} (reproducible runs) and scripted one-shot faults (a jam after N notes, a short dispense, a
 * customer who does not take the cash, a power cut mid-dispense). {@link #physicalCash()} is what is inside.
 *
 * @see io.branchlink.sim.device.SimulatedCashDispenserTests
 */
public final class SimulatedCashDispenser extends AbstractDevice implements CashDispenser {

    /** The most notes one dispense may pick, as on a real presenter. */
    public static final int MAX_NOTES = 100;

    /**
     * Fault probabilities per operation, drawn from one seeded random source.
     *
     * @param jam a dispense jams after a random number of notes
     * @param notTaken the customer leaves the cash at the exit
     */
    public record FaultRates(double jam, double notTaken) {
        public static final FaultRates NONE = new FaultRates(0, 0);
    }

    /** Why a dispense stacks fewer notes than asked, and the state the dispenser is left in. */
    private enum PickFault {
        JAM("E-PICK-JAM", DeviceState.ERROR),
        SHORT("E-SHORT-PICK", DeviceState.IDLE);

        final String errorCode;
        final DeviceState after;

        PickFault(String errorCode, DeviceState after) {
            this.errorCode = errorCode;
            this.after = after;
        }
    }

    private final Currency currency;
    private final TreeMap<Long, Integer> cassettes = new TreeMap<>(java.util.Comparator.reverseOrder());
    private final Random random;
    private final FaultRates rates;
    private NoteMix stacker;
    private NoteMix exit;
    private NoteMix retractBin;
    private NoteMix rejectBin;
    private long delivered;
    private Integer jamAfterNotes;
    private Integer shortByNotes;
    private Integer powerCutAfterNotes;
    private boolean customerWalksAway;

    /** @param cassettes notes per denomination in minor units, e.g. {@code 10000 -> 500} for 500 × 100 CNY */
    public SimulatedCashDispenser(Currency currency, Map<Long, Integer> cassettes, long seed, FaultRates rates) {
        this.currency = currency;
        this.cassettes.putAll(cassettes);
        this.random = new Random(seed);
        this.rates = rates;
        this.stacker = NoteMix.empty(currency);
        this.exit = NoteMix.empty(currency);
        this.retractBin = NoteMix.empty(currency);
        this.rejectBin = NoteMix.empty(currency);
    }

    /** 100 and 50 CNY cassettes and no random faults. */
    public static SimulatedCashDispenser cny(int hundreds, int fifties) {
        return new SimulatedCashDispenser(Currency.getInstance("CNY"), Map.of(10_000L, hundreds, 5_000L, fifties), 1,
                FaultRates.NONE);
    }

    // ------------------------------------------------------------ scripted one-shot faults

    /** The next dispense jams after {@code notes} notes have reached the stacker. */
    public synchronized SimulatedCashDispenser jamAfterNotes(int notes) {
        this.jamAfterNotes = notes;
        return this;
    }

    /** The next dispense picks {@code notes} fewer notes than asked (a miscount), without a jam. */
    public synchronized SimulatedCashDispenser shortDispense(int notes) {
        this.shortByNotes = notes;
        return this;
    }

    /** The customer does not take the next presented cash: waiting for it times out. */
    public synchronized SimulatedCashDispenser customerDoesNotTake() {
        this.customerWalksAway = true;
        return this;
    }

    /** Power fails in the next dispense after {@code notes} notes reached the stacker ({@link SimulatedPowerLoss}). */
    public synchronized SimulatedCashDispenser powerCutAfterNotes(int notes) {
        this.powerCutAfterNotes = notes;
        return this;
    }

    // ------------------------------------------------------------ SPI

    @Override
    public String component() {
        return "CASH_DISPENSER";
    }

    @Override
    public synchronized List<CashUnit> cashUnits() {
        List<CashUnit> units = new ArrayList<>();
        int i = 1;
        for (Map.Entry<Long, Integer> c : cassettes.entrySet()) {
            units.add(new CashUnit("CST" + i++, new Money(c.getKey(), currency), c.getValue()));
        }
        return units;
    }

    @Override
    public synchronized Outcome setCount(String unitId, int count) {
        int i = 1;
        for (Map.Entry<Long, Integer> c : cassettes.entrySet()) {
            if (("CST" + i++).equals(unitId)) {
                c.setValue(count);
                return Outcome.ok();
            }
        }
        return Outcome.of(CompletionCode.INVALID_DATA, "E-UNIT", "no cash unit " + unitId);
    }

    @Override
    public synchronized DenominateResult denominate(Money amount) {
        if (!amount.currency().equals(currency) || !amount.isPositive()) {
            return new DenominateResult(Outcome.of(CompletionCode.INVALID_DATA, "E-CURRENCY",
                    "this dispenser pays " + currency + " amounts above zero"), null);
        }
        List<Long> denominations = new ArrayList<>(cassettes.keySet());
        int[] best = fewestNotes(amount.minorUnits(), denominations, 0, new int[denominations.size()], null);
        if (best == null) {
            return new DenominateResult(Outcome.of(CompletionCode.INVALID_DATA, "E-NOT-DISPENSABLE",
                    "no note mix for " + amount), null);
        }
        TreeMap<Long, Integer> notes = new TreeMap<>();
        for (int i = 0; i < best.length; i++) {
            notes.put(denominations.get(i), best[i]);
        }
        return new DenominateResult(Outcome.ok(), NoteMix.of(currency, notes));
    }

    /** Depth-first over denominations, largest first, keeping the mix with the fewest notes within the cassettes. */
    private int[] fewestNotes(long remaining, List<Long> denominations, int index, int[] counts, int[] best) {
        if (remaining == 0) {
            int total = sum(counts);
            return total <= MAX_NOTES && (best == null || total < sum(best)) ? counts.clone() : best;
        }
        if (index == denominations.size() || (best != null && sum(counts) >= sum(best))) {
            return best;
        }
        long denomination = denominations.get(index);
        int max = (int) Math.min(cassettes.get(denomination), Math.min(remaining / denomination, MAX_NOTES));
        for (int n = max; n >= 0; n--) {
            counts[index] = n;
            best = fewestNotes(remaining - n * denomination, denominations, index + 1, counts, best);
        }
        counts[index] = 0;
        return best;
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    @Override
    public synchronized DispenseResult dispense(NoteMix mix) {
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return new DispenseResult(notEnabled.get(), NoteMix.empty(currency));
        }
        for (Map.Entry<Long, Integer> note : mix.notes().entrySet()) {
            if (cassettes.getOrDefault(note.getKey(), 0) < note.getValue()) {
                return new DispenseResult(Outcome.of(CompletionCode.INVALID_DATA, "E-CASSETTE-LOW",
                        "not enough notes of " + note.getKey()), NoteMix.empty(currency));
            }
        }
        int wanted = mix.noteCount();
        int limit = wanted;
        PickFault fault = null;
        if (jamAfterNotes != null) {
            limit = Math.min(limit, jamAfterNotes);
            fault = PickFault.JAM;
            jamAfterNotes = null;
        } else if (shortByNotes != null) {
            limit = Math.max(0, wanted - shortByNotes);
            fault = PickFault.SHORT;
            shortByNotes = null;
        } else if (random.nextDouble() < rates.jam()) {
            limit = random.nextInt(wanted);
            fault = PickFault.JAM;
        }
        Integer powerCut = powerCutAfterNotes;
        powerCutAfterNotes = null;
        setState(DeviceState.BUSY);
        TreeMap<Long, Integer> picked = new TreeMap<>();
        int pickedCount = 0;
        for (Map.Entry<Long, Integer> note : mix.notes().entrySet()) {
            for (int i = 0; i < note.getValue() && pickedCount < limit; i++) {
                if (powerCut != null && pickedCount == powerCut) {
                    setState(DeviceState.IDLE);
                    throw new SimulatedPowerLoss("in dispense after " + pickedCount + " notes");
                }
                cassettes.merge(note.getKey(), -1, Integer::sum);
                stacker = stacker.plus(NoteMix.of(currency, Map.of(note.getKey(), 1)));
                picked.merge(note.getKey(), 1, Integer::sum);
                pickedCount++;
            }
        }
        NoteMix stacked = NoteMix.of(currency, picked);
        if (pickedCount < wanted) {
            setState(fault.after);
            return new DispenseResult(Outcome.of(CompletionCode.PARTIAL, fault.errorCode,
                    pickedCount + " of " + wanted + " notes stacked"), stacked);
        }
        setState(DeviceState.IDLE);
        return new DispenseResult(Outcome.ok(), stacked);
    }

    @Override
    public synchronized PresentResult present() {
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return new PresentResult(notEnabled.get(), NoteMix.empty(currency));
        }
        if (stacker.isEmpty()) {
            return new PresentResult(sequenceError("nothing in the stacker"), NoteMix.empty(currency));
        }
        exit = exit.plus(stacker);
        NoteMix presented = stacker;
        stacker = NoteMix.empty(currency);
        return new PresentResult(Outcome.ok(), presented);
    }

    /** Simulated time: a customer who walks away times out at once, without waiting {@code timeout} for real. */
    @Override
    public synchronized TakenResult waitForTaken(Duration timeout) {
        if (exit.isEmpty()) {
            return new TakenResult(sequenceError("nothing at the exit"), Taken.NOT_TAKEN);
        }
        boolean walksAway = customerWalksAway || random.nextDouble() < rates.notTaken();
        customerWalksAway = false;
        if (walksAway) {
            return new TakenResult(Outcome.of(CompletionCode.TIMEOUT, "E-NOT-TAKEN",
                    "cash not taken within " + timeout.toSeconds() + " s"), Taken.NOT_TAKEN);
        }
        delivered += exit.total().minorUnits();
        exit = NoteMix.empty(currency);
        return new TakenResult(Outcome.ok(), Taken.TAKEN);
    }

    @Override
    public synchronized MoveResult retract() {
        if (exit.isEmpty()) {
            return new MoveResult(sequenceError("nothing at the exit"), NoteMix.empty(currency));
        }
        NoteMix moved = exit;
        retractBin = retractBin.plus(exit);
        exit = NoteMix.empty(currency);
        return new MoveResult(Outcome.ok(), moved);
    }

    @Override
    public synchronized MoveResult reject() {
        if (stacker.isEmpty()) {
            return new MoveResult(sequenceError("nothing in the stacker"), NoteMix.empty(currency));
        }
        NoteMix moved = stacker;
        rejectBin = rejectBin.plus(stacker);
        stacker = NoteMix.empty(currency);
        setState(DeviceState.IDLE);
        return new MoveResult(Outcome.ok(), moved);
    }

    @Override
    public synchronized DispenserCounters counters() {
        return new DispenserCounters(new Money(delivered, currency), stacker.total(), exit.total());
    }

    // ------------------------------------------------------------ physical inspection

    /** All cash inside the machine: cassettes, stacker, exit (not yet taken), retract bin and reject bin. */
    public synchronized Money physicalCash() {
        long sum = 0;
        for (Map.Entry<Long, Integer> c : cassettes.entrySet()) {
            sum += c.getKey() * c.getValue();
        }
        return new Money(sum, currency).plus(stacker.total()).plus(exit.total()).plus(retractBin.total())
                .plus(rejectBin.total());
    }

    /** Everything customers have taken. */
    public synchronized Money deliveredToCustomers() {
        return new Money(delivered, currency);
    }

    public synchronized NoteMix retractBin() {
        return retractBin;
    }

    public synchronized NoteMix rejectBin() {
        return rejectBin;
    }

    public synchronized NoteMix stacker() {
        return stacker;
    }

    public synchronized NoteMix exit() {
        return exit;
    }

    /** The customer takes the cash at the exit now (used after a power cut while cash was presented). */
    public synchronized void customerTakesCash() {
        delivered += exit.total().minorUnits();
        exit = NoteMix.empty(currency);
    }
}
