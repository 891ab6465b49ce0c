package io.branchlink.agent.device;

import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnit;
import java.util.List;
import java.util.Objects;

/**
 * The cash acceptor (XFS CIM): the customer's notes are counted into escrow, then either stored in the cassettes
 * once the host approves or rolled back to the customer; suspect notes are handed back at once and never counted.
 */
public interface CashAcceptor extends Device {

    List<CashUnit> cashUnits();

    /** Opens the slot for the customer's bundle. */
    Outcome cashInStart();

    /** Counts the inserted bundle into escrow; {@code suspectNotesReturned} were handed back uncounted. */
    CountResult count();

    /** Moves the escrow into the cassettes; a jam keeps the notes inside the machine. */
    StoreResult store();

    /** Gives the escrow back to the customer; a failure keeps the notes inside. */
    RollbackResult rollback();

    /** What is in escrow now. */
    NoteMix escrow();

    /** Everything stored into the cassettes since the counters began. */
    Money storedTotal();

    record CountResult(Outcome outcome, NoteMix accepted, int suspectNotesReturned) {
        public CountResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(accepted, "accepted");
        }
    }

    record StoreResult(Outcome outcome, NoteMix stored) {
        public StoreResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(stored, "stored");
        }
    }

    record RollbackResult(Outcome outcome, NoteMix returned) {
        public RollbackResult {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(returned, "returned");
        }
    }
}
