package io.branchlink.hub.fleet;

import io.branchlink.hub.device.DeviceRecord;
import io.branchlink.hub.device.Devices;
import io.branchlink.hub.fleet.CashForecast.Forecast;
import io.branchlink.hub.fleet.CashThresholds.Limits;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Joins the registry, the dashboard's history, the thresholds and the forecast into {@link FleetDevice}s. */
@Component
class FleetViews {

    private final Devices devices;
    private final FleetHistory history;
    private final FleetProperties properties;
    private final CashThresholds thresholds;
    private final Clock clock;

    FleetViews(Devices devices, FleetHistory history, FleetProperties properties, Clock clock) {
        this.devices = devices;
        this.history = history;
        this.properties = properties;
        this.thresholds = CashThresholds.of(properties);
        this.clock = clock;
    }

    List<FleetDevice> all() {
        Instant now = clock.instant();
        return devices.all().stream().map(device -> view(device, now)).toList();
    }

    Optional<FleetDevice> find(String deviceId) {
        return devices.find(deviceId).map(device -> view(device, clock.instant()));
    }

    private FleetDevice view(DeviceRecord device, Instant now) {
        DeviceHistory kept = history.find(device.deviceId()).orElse(DeviceHistory.empty(device.deviceId()));
        List<FleetDevice.Cassette> cassettes = device.cashUnits().stream().map(unit -> {
            Limits limits = thresholds.of(unit.denomination().currency(), unit.denomination().minorUnits());
            Forecast forecast = CashForecast.of(kept.samples(unit.unitId()), unit.count(), limits.low(), now,
                    properties.cashWindow());
            return new FleetDevice.Cassette(unit.unitId(), unit.denomination(), unit.count(), limits.low(),
                    limits.high(), limits.level(unit.count()).name(), forecast.notesPerHour(), forecast.lowAt(),
                    forecast.emptyAt());
        }).toList();
        return new FleetDevice(device.deviceId(), device.deviceKind() == null ? null : device.deviceKind().name(),
                device.online(), device.presenceChangedAt(), device.lastSeen(),
                device.status() == null ? "UNKNOWN" : device.status().name(), kept.currentFaults(),
                kept.faults().size(), cassettes, device.lastCommand(), kept.lastReconciliation());
    }
}
