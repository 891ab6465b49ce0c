package io.branchlink.hub.fleet;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.branchlink.hub.device.DeviceReported;
import io.branchlink.hub.fleet.CashForecast.Sample;
import io.branchlink.hub.fleet.DeviceHistory.CassetteSamples;
import io.branchlink.hub.fleet.DeviceHistory.FaultEntry;
import io.branchlink.hub.fleet.DeviceHistory.Reconciliation;
import io.branchlink.hub.system.ClusterJson;
import io.branchlink.protocol.mqtt.CashUnit;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Keeps each device's {@link DeviceHistory} in the Hazelcast map {@code hub.fleet.history} from what the registry
 * records: faults (the latest {@code fault-history} per device, the same fault reported through two hub nodes kept
 * once), cassette counts from states and {@code cash-units-changed} events (the cash window's worth), and a fault's
 * clearing by the device's next {@code IN_SERVICE} state.
 *
 * @see io.branchlink.hub.fleet.FleetIntegrationTests
 */
@Service
class FleetHistory {

    static final String MAP = "hub.fleet.history";
    private static final int MAX_ATTEMPTS = 32;

    private final IMap<String, HazelcastJsonValue> histories;
    private final FleetProperties properties;
    private final Clock clock;

    FleetHistory(HazelcastInstance hazelcast, FleetProperties properties, Clock clock) {
        this.histories = hazelcast.getMap(MAP);
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void deviceReported(DeviceReported reported) {
        if (reported.payload() instanceof DeviceFaulted fault) {
            FaultEntry entry = new FaultEntry(fault.component(), fault.faultCode(), fault.description(), fault.at(),
                    reported.receivedAt(), null);
            update(reported.deviceId(), history -> withFault(history, entry));
        } else if (reported.payload() instanceof CashUnitsChanged changed) {
            update(reported.deviceId(), history -> withCounts(history, changed.cashUnits(), changed.at()));
        } else if (reported.payload() instanceof DeviceState state) {
            update(reported.deviceId(), history -> {
                DeviceHistory counted = withCounts(history, state.cashUnits(), state.at());
                return state.status() == DeviceState.Status.IN_SERVICE ? cleared(counted, state.at()) : counted;
            });
        }
    }

    void reconciled(String deviceId, Reconciliation reconciliation) {
        update(deviceId, history -> new DeviceHistory(history.deviceId(), history.faults(), history.cassettes(),
                reconciliation));
    }

    Optional<DeviceHistory> find(String deviceId) {
        return Optional.ofNullable(histories.get(deviceId)).map(value -> ClusterJson.read(value,
                DeviceHistory.class));
    }

    private DeviceHistory withFault(DeviceHistory history, FaultEntry entry) {
        if (history.faults().stream().anyMatch(entry::sameAs)) {
            return history;
        }
        List<FaultEntry> faults = new ArrayList<>(history.faults().size() + 1);
        faults.add(entry);
        faults.addAll(history.faults());
        faults.sort((a, b) -> b.at().compareTo(a.at()));
        return new DeviceHistory(history.deviceId(), faults.subList(0, Math.min(faults.size(),
                properties.faultHistory())), history.cassettes(), history.lastReconciliation());
    }

    private DeviceHistory withCounts(DeviceHistory history, List<CashUnit> units, Instant at) {
        if (units.isEmpty()) {
            return history;
        }
        Instant now = clock.instant();
        List<CassetteSamples> cassettes = new ArrayList<>();
        for (CashUnit unit : units) {
            cassettes.add(new CassetteSamples(unit.unitId(), CashForecast.add(history.samples(unit.unitId()),
                    new Sample(at, unit.count()), now, properties.cashWindow(), properties.cashSamples())));
        }
        return new DeviceHistory(history.deviceId(), history.faults(), cassettes, history.lastReconciliation());
    }

    private static DeviceHistory cleared(DeviceHistory history, Instant at) {
        if (history.faults().stream().noneMatch(fault -> fault.clearedAt() == null && fault.at().isBefore(at))) {
            return history;
        }
        List<FaultEntry> faults = history.faults().stream()
                .map(fault -> fault.clearedAt() == null && fault.at().isBefore(at) ? fault.clearedAt(at) : fault)
                .toList();
        return new DeviceHistory(history.deviceId(), faults, history.cassettes(), history.lastReconciliation());
    }

    private void update(String deviceId, UnaryOperator<DeviceHistory> change) {
        ClusterJson.update(histories, deviceId, DeviceHistory.class, () -> DeviceHistory.empty(deviceId), change,
                MAX_ATTEMPTS);
    }
}
