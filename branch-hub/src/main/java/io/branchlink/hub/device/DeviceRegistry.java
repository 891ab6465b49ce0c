package io.branchlink.hub.device;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.branchlink.hub.device.DeviceRecord.LastCommand;
import io.branchlink.hub.system.ClusterJson;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.mqtt.ShowSessionCode;
import io.branchlink.protocol.mqtt.TransactionCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The branch's device registry: presence, state and events of each device folded into one {@link DeviceRecord} in
 * the Hazelcast map {@code hub.devices}, so every hub node of the branch sees the same fleet. Entries are JSON
 * ({@link HazelcastJsonValue}: readable by any node version and queryable), updated with compare-and-set so that
 * the presence, state and event routes can update the same device concurrently. After each update it publishes a
 * {@link DeviceReported} for other features (the fleet dashboard's history).
 *
 * @see io.branchlink.hub.device.DeviceRegistryIntegrationTests
 */
@Service
class DeviceRegistry implements DeviceKinds, Devices {

    static final String MAP = Devices.MAP;
    /** The components the agents report faults for; any other is counted as {@code OTHER}. */
    static final List<String> FAULT_COMPONENTS = List.of("CASH_DISPENSER", "CASH_ACCEPTOR", "QR_SCANNER",
            "RECEIPT_PRINTER", "SCREEN", "AGENT");
    static final String OTHER_COMPONENT = "OTHER";
    private static final int MAX_ATTEMPTS = 32;
    private static final Logger log = LoggerFactory.getLogger(DeviceRegistry.class);

    private final IMap<String, HazelcastJsonValue> devices;
    private final Clock clock;
    private final Map<String, Counter> faults;
    private final ApplicationEventPublisher events;

    DeviceRegistry(HazelcastInstance hazelcast, Clock clock, MeterRegistry meters, ApplicationEventPublisher events) {
        this.devices = hazelcast.getMap(MAP);
        this.clock = clock;
        this.events = events;
        this.faults = Stream.concat(FAULT_COMPONENTS.stream(), Stream.of(OTHER_COMPONENT))
                .collect(Collectors.toUnmodifiableMap(component -> component,
                        component -> Counter.builder("branchlink.hub.device.faults")
                                .description("Faults reported by the branch's devices (device-faulted events), "
                                        + "by component")
                                .tag("component", component)
                                .register(meters)));
    }

    /**
     * A presence message: {@code ONLINE} from the device, {@code OFFLINE} from the device or, as its Last Will, from
     * the broker. A live message is timed by the hub's clock; a retained one (read at subscribe) by its own
     * {@code at}.
     */
    void presenceReported(String deviceId, Presence presence, boolean retained) {
        Instant now = clock.instant();
        boolean online = presence.status() == Presence.Status.ONLINE;
        DeviceRecord updated = update(deviceId, device -> {
            Instant seen = retained ? device.lastSeen() : now;
            Instant changed = device.presenceChangedAt() != null && device.online() == online
                    ? device.presenceChangedAt()
                    : retained ? presence.at() : now;
            return device.withPresence(online, seen, changed);
        });
        log.info("device.presence deviceId={} online={} retained={} since={}", deviceId, online, retained,
                updated.presenceChangedAt());
        events.publishEvent(new DeviceReported(deviceId, presence, retained, now));
    }

    void stateReported(String deviceId, DeviceState state, boolean retained) {
        Instant now = clock.instant();
        DeviceRecord before = find(deviceId).orElse(null);
        update(deviceId, device -> device.withState(state, retained ? device.lastSeen() : now));
        if (before == null || before.status() != state.status()) {
            log.info("device.state deviceId={} status={} previous={} cashUnits={} retained={}", deviceId,
                    state.status(), before == null ? "-" : before.status(), state.cashUnits().size(), retained);
        }
        events.publishEvent(new DeviceReported(deviceId, state, retained, now));
    }

    void eventReported(String deviceId, DeviceEvent event) {
        Instant now = clock.instant();
        if (event instanceof CashUnitsChanged changed) {
            update(deviceId, device -> device.withCashUnits(changed.cashUnits(), now));
            log.info("device.event deviceId={} type={} cashUnits={}", deviceId, event.eventType(),
                    changed.cashUnits().size());
        } else if (event instanceof DeviceFaulted fault) {
            update(deviceId, device -> device.withFault(fault, now));
            faults.get(FAULT_COMPONENTS.contains(fault.component()) ? fault.component() : OTHER_COMPONENT)
                    .increment();
            log.warn("device.event deviceId={} type={} component={} faultCode={}", deviceId, event.eventType(),
                    printable(fault.component()), printable(fault.faultCode()));
        } else if (event instanceof TransactionCompleted txn) {
            update(deviceId, device -> device.withTransaction(txn, now));
            log.info("device.event deviceId={} type={} transactionId={} kind={} result={}", deviceId,
                    event.eventType(), txn.transactionId(), txn.kind(), txn.result());
        } else if (event instanceof QrScanned) {
            update(deviceId, device -> device.withSeen(now));
        } else {
            throw new IllegalArgumentException("unhandled event type " + event.eventType());
        }
        events.publishEvent(new DeviceReported(deviceId, event, false, now));
    }

    void commandSent(String deviceId, Command command) {
        if (command instanceof ShowSessionCode) {
            return;
        }
        update(deviceId, device -> device.withCommand(new LastCommand(DeviceCommands.nameOf(command),
                command.commandId(), command.issuedAt())));
    }

    @Override
    public Optional<DeviceState.DeviceKind> kindOf(String deviceId) {
        return find(deviceId).map(DeviceRecord::deviceKind);
    }

    @Override
    public List<String> onlineItms() {
        return devices.values().stream()
                .map(this::read)
                .filter(device -> device.online() && device.deviceKind() == DeviceState.DeviceKind.ITM)
                .map(DeviceRecord::deviceId)
                .sorted()
                .toList();
    }

    public Optional<DeviceRecord> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId)).map(this::read);
    }

    @Override
    public List<DeviceRecord> all() {
        return devices.values().stream()
                .map(this::read)
                .sorted(Comparator.comparing(DeviceRecord::deviceId))
                .toList();
    }

    /** Device-supplied text for a log line: anything but printable ASCII becomes '?'. */
    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private DeviceRecord update(String deviceId, UnaryOperator<DeviceRecord> change) {
        return ClusterJson.update(devices, deviceId, DeviceRecord.class, () -> DeviceRecord.unknown(deviceId), change,
                MAX_ATTEMPTS);
    }

    private DeviceRecord read(HazelcastJsonValue value) {
        return ClusterJson.read(value, DeviceRecord.class);
    }
}
