package io.branchlink.hub.fleet;

import io.branchlink.hub.fleet.CashForecast.Sample;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard keeps about one device beyond the registry, as stored in {@code hub.fleet.history}: its faults,
 * newest first, the recent counts of each cassette, and the last reconciliation.
 */
record DeviceHistory(String deviceId, List<FaultEntry> faults, List<CassetteSamples> cassettes,
        Reconciliation lastReconciliation) {

    DeviceHistory {
        faults = faults == null ? List.of() : List.copyOf(faults);
        cassettes = cassettes == null ? List.of() : List.copyOf(cassettes);
    }

    static DeviceHistory empty(String deviceId) {
        return new DeviceHistory(deviceId, List.of(), List.of(), null);
    }

    List<FaultEntry> currentFaults() {
        return faults.stream().filter(fault -> fault.clearedAt() == null).toList();
    }

    List<Sample> samples(String unitId) {
        return cassettes.stream().filter(cassette -> cassette.unitId().equals(unitId)).findFirst()
                .map(CassetteSamples::samples).orElse(List.of());
    }

    /**
     * One reported fault. {@code at} is the device's time, {@code receivedAt} the hub's; {@code clearedAt} is the
     * device's time of the first {@code IN_SERVICE} state it reported after the fault, or {@code null} while the fault
     * is current.
     */
    record FaultEntry(String component, String faultCode, String description, Instant at, Instant receivedAt,
            Instant clearedAt) {

        boolean sameAs(FaultEntry other) {
            return component.equals(other.component) && faultCode.equals(other.faultCode) && at.equals(other.at);
        }

        FaultEntry clearedAt(Instant cleared) {
            return new FaultEntry(component, faultCode, description, at, receivedAt, cleared);
        }
    }

    /** A cassette's recent counts, oldest first. */
    record CassetteSamples(String unitId, List<Sample> samples) {
    }

    /**
     * A count the branch made and sent to the ITM.
     *
     * @param units per cassette: the count the hub knew, the count entered and the difference (entered - known)
     */
    record Reconciliation(Instant at, String operatorId, String commandId, List<CountedUnit> units) {
    }

    record CountedUnit(String unitId, int reported, int counted, int difference) {
    }
}
