package io.branchlink.agent.device;

import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnit;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The cash dispenser (XFS CDM): cash out in two steps, {@link #dispense} to the stacker then {@link #present} to the
 * customer, with {@link #retract} and {@link #reject} for notes that must go back inside. Every result says what
 * actually moved, so a jam or a short pick is a value the agent can reverse against.
 */
public interface CashDispenser extends Device {

    /** The cassettes with their denominations and note counts. */
    List<CashUnit> cashUnits();

    /**
     * Sets the note count of one cash unit to what the branch counted (reconciliation); the unit id is one
     * {@link #cashUnits()} reports.
     */
    Outcome setCount(String unitId, int count);

    /** A note mix for {@code amount} that the cassettes can supply now; {@code INVALID_DATA} when there is none. */
    DenominateResult denominate(Money amount);

    /** Picks the notes into the stacker; a jam or empty cassette gives {@code PARTIAL} with what was stacked. */
    DispenseResult dispense(NoteMix mix);

    /** Opens the shutter and moves the stacked notes to the exit. */
    PresentResult present();

    /** Waits for the customer to take the presented notes. */
    TakenResult waitForTaken(Duration timeout);

    /** Pulls notes left at the exit back into the retract bin. */
    MoveResult retract();

    /** Moves notes still in the stacker to the reject bin. */
    MoveResult reject();

    /** Running totals the journal compares across a power cut to learn what left the machine. */
    DispenserCounters counters();

    /** The mix for an amount, or an outcome saying why there is none ({@code mix} is then {@code null}). */
    record DenominateResult(Outcome outcome, NoteMix mix) {
        public DenominateResult {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Dispensed to the stacker; {@code stacked} is what is actually there, even on a jam. */
    record DispenseResult(Outcome outcome, NoteMix stacked) {
        public DispenseResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(stacked, "stacked");
        }
    }

    record PresentResult(Outcome outcome, NoteMix presented) {
        public PresentResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(presented, "presented");
        }
    }

    /** Whether the customer took the notes at the exit. */
    enum Taken { TAKEN, NOT_TAKEN }

    record TakenResult(Outcome outcome, Taken taken) {
        public TakenResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(taken, "taken");
        }
    }

    /** Notes moved inside the machine, to the retract or reject bin. */
    record MoveResult(Outcome outcome, NoteMix moved) {
        public MoveResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(moved, "moved");
        }
    }

    /**
     * The dispenser's counters.
     *
     * @param delivered everything customers have taken since the counters began
     * @param inStacker notes picked but not yet presented
     * @param atExit notes presented and still at the exit
     */
    record DispenserCounters(Money delivered, Money inStacker, Money atExit) {
        public DispenserCounters {
            Objects.requireNonNull(delivered, "delivered");
            Objects.requireNonNull(inStacker, "inStacker");
            Objects.requireNonNull(atExit, "atExit");
        }
    }
}
