package io.branchlink.hub.fleet;

import io.branchlink.hub.device.DeviceRecord;
import io.branchlink.hub.fleet.DeviceHistory.FaultEntry;
import io.branchlink.hub.fleet.DeviceHistory.Reconciliation;
import java.time.Instant;
import java.util.List;

/**
 * One device as the dashboard shows it ({@code GET /fleet/api/devices} and each {@code device} event of the stream).
 *
 * @param presenceSince when the device last went online or offline, as the hub saw it
 * @param status the last reported status, or {@code UNKNOWN} before any state arrived
 * @param currentFaults faults not yet cleared, newest first
 * @param faultsInHistory how many faults the history holds (current and cleared)
 */
record FleetDevice(String deviceId, String kind, boolean online, Instant presenceSince, Instant lastSeen,
        String status, List<FaultEntry> currentFaults, int faultsInHistory, List<Cassette> cassettes,
        DeviceRecord.LastCommand lastCommand, Reconciliation lastReconciliation) {

    /**
     * One cassette with its thresholds and forecast.
     *
     * @param level {@code EMPTY}, {@code LOW}, {@code OK} or {@code HIGH}
     * @param notesPerHour notes dispensed per hour over the cash window; 0 when idle
     * @param lowAt when the count reaches {@code low} at that rate ({@code null} when idle or already low)
     * @param emptyAt when the count reaches 0 at that rate ({@code null} when idle: "not at the current rate")
     */
    record Cassette(String unitId, DeviceRecord.Amount denomination, int count, int low, int high, String level,
            double notesPerHour, Instant lowAt, Instant emptyAt) {
    }
}
