package io.branchlink.sim.device;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.device.Outcome;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cash acceptor: the customer's bundle ({@link #insert}) is counted into escrow with suspect notes handed back,
 * then stored into the cassettes or rolled back. Faults: a jam on store (notes stay inside, in the jam area) and a
 * failed rollback (notes stay in escrow), scripted once or drawn from a seeded random source.
 *
 * @see io.branchlink.sim.device.SimulatedCashAcceptorTests
 */
public final class SimulatedCashAcceptor extends AbstractDevice implements CashAcceptor {

    /** Fault probabilities per operation. */
    public record FaultRates(double storeJam, double rollbackFailure) {
        public static final FaultRates NONE = new FaultRates(0, 0);
    }

    private final Currency currency;
    private final Random random;
    private final FaultRates rates;
    private NoteMix inserted;
    private int insertedSuspect;
    private NoteMix escrow;
    private NoteMix cassettes;
    private NoteMix jammed;
    private NoteMix returnedToCustomers;
    private long stored;
    private boolean slotOpen;
    private boolean jamOnNextStore;
    private boolean failNextRollback;

    public SimulatedCashAcceptor(Currency currency, long seed, FaultRates rates) {
        this.currency = currency;
        this.random = new Random(seed);
        this.rates = rates;
        this.inserted = NoteMix.empty(currency);
        this.escrow = NoteMix.empty(currency);
        this.cassettes = NoteMix.empty(currency);
        this.jammed = NoteMix.empty(currency);
        this.returnedToCustomers = NoteMix.empty(currency);
    }

    public static SimulatedCashAcceptor cny() {
        return new SimulatedCashAcceptor(Currency.getInstance("CNY"), 1, FaultRates.NONE);
    }

    /** The customer puts a bundle in: {@code genuine} notes and {@code suspect} notes the validator will refuse. */
    public synchronized SimulatedCashAcceptor insert(NoteMix genuine, int suspect) {
        inserted = inserted.plus(genuine);
        insertedSuspect += suspect;
        return this;
    }

    public synchronized SimulatedCashAcceptor jamOnNextStore() {
        jamOnNextStore = true;
        return this;
    }

    public synchronized SimulatedCashAcceptor failNextRollback() {
        failNextRollback = true;
        return this;
    }

    @Override
    public String component() {
        return "CASH_ACCEPTOR";
    }

    @Override
    public synchronized List<CashUnit> cashUnits() {
        List<CashUnit> units = new ArrayList<>();
        int i = 1;
        for (Map.Entry<Long, Integer> c : cassettes.notes().entrySet()) {
            units.add(new CashUnit("CIM" + i++, new Money(c.getKey(), currency), c.getValue()));
        }
        return units;
    }

    @Override
    public synchronized Outcome cashInStart() {
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return notEnabled.get();
        }
        if (!escrow.isEmpty()) {
            return sequenceError("escrow is not empty");
        }
        slotOpen = true;
        return Outcome.ok();
    }

    @Override
    public synchronized CountResult count() {
        if (!slotOpen) {
            return new CountResult(sequenceError("cash-in not started"), NoteMix.empty(currency), 0);
        }
        slotOpen = false;
        escrow = escrow.plus(inserted);
        int suspect = insertedSuspect;
        inserted = NoteMix.empty(currency);
        insertedSuspect = 0;
        return new CountResult(Outcome.ok(), escrow, suspect);
    }

    @Override
    public synchronized StoreResult store() {
        if (escrow.isEmpty()) {
            return new StoreResult(sequenceError("escrow is empty"), NoteMix.empty(currency));
        }
        boolean jam = jamOnNextStore || random.nextDouble() < rates.storeJam();
        jamOnNextStore = false;
        if (jam) {
            jammed = jammed.plus(escrow);
            escrow = NoteMix.empty(currency);
            return new StoreResult(Outcome.of(CompletionCode.HARDWARE_ERROR, "E-STORE-JAM",
                    "notes jammed between escrow and cassette"), NoteMix.empty(currency));
        }
        NoteMix moved = escrow;
        cassettes = cassettes.plus(escrow);
        stored += escrow.total().minorUnits();
        escrow = NoteMix.empty(currency);
        return new StoreResult(Outcome.ok(), moved);
    }

    @Override
    public synchronized RollbackResult rollback() {
        if (escrow.isEmpty()) {
            return new RollbackResult(sequenceError("escrow is empty"), NoteMix.empty(currency));
        }
        boolean fails = failNextRollback || random.nextDouble() < rates.rollbackFailure();
        failNextRollback = false;
        if (fails) {
            return new RollbackResult(Outcome.of(CompletionCode.HARDWARE_ERROR, "E-ROLLBACK",
                    "escrow could not be returned"), NoteMix.empty(currency));
        }
        NoteMix returned = escrow;
        returnedToCustomers = returnedToCustomers.plus(escrow);
        escrow = NoteMix.empty(currency);
        return new RollbackResult(Outcome.ok(), returned);
    }

    @Override
    public synchronized NoteMix escrow() {
        return escrow;
    }

    @Override
    public synchronized Money storedTotal() {
        return new Money(stored, currency);
    }

    /** Customers' cash inside the machine: escrow, cassettes and anything jammed. */
    public synchronized Money physicalCash() {
        return escrow.total().plus(cassettes.total()).plus(jammed.total());
    }

    public synchronized NoteMix jammed() {
        return jammed;
    }

    public synchronized NoteMix returnedToCustomers() {
        return returnedToCustomers;
    }
}
