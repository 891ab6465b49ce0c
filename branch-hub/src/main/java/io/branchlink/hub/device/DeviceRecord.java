package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.CashUnit;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.TransactionCompleted;
import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * What the hub knows about one device, as kept in the {@code hub.devices} map and returned by {@code /api/devices}.
 * Times named {@code ...At} inside nested records are the device's clock; {@code lastSeen} and
 * {@code presenceChangedAt} are the hub's.
 *
 * @param deviceId the device's id, also its MQTT user name and client id
 * @param online whether the device is connected, from its retained presence or its Last Will
 * @param lastSeen when the hub last received a live (not retained) message from or about the device
 * @param presenceChangedAt when {@code online} last changed, as the hub saw it
 * @param deviceKind ITM or teller terminal, once the device has reported its state
 * @param status the last reported status, or {@code null} before any state arrived
 * @param inService true when the last reported status is {@code IN_SERVICE}
 * @param cashUnits the cash units as last reported by a state or a cash-units-changed event
 * @param stateAt the device's time of its last state report
 * @param lastFault the last fault the device reported, or {@code null}
 * @param lastTransaction the last transaction summary, or {@code null}
 * @param lastCommand the last command the hub sent to the device, or {@code null}
 */
public record DeviceRecord(String deviceId, boolean online, Instant lastSeen, Instant presenceChangedAt,
        DeviceState.DeviceKind deviceKind, DeviceState.Status status, boolean inService,
        List<CashUnitView> cashUnits, Instant stateAt, Fault lastFault, LastTransaction lastTransaction,
        LastCommand lastCommand) {

    public DeviceRecord {
        cashUnits = cashUnits == null ? List.of() : List.copyOf(cashUnits);
    }

    static DeviceRecord unknown(String deviceId) {
        return new DeviceRecord(deviceId, false, null, null, null, null, false, List.of(), null, null, null, null);
    }

    DeviceRecord withPresence(boolean online, Instant seen, Instant changedAt) {
        return new DeviceRecord(deviceId, online, seen, changedAt, deviceKind, status, inService, cashUnits,
                stateAt, lastFault, lastTransaction, lastCommand);
    }

    DeviceRecord withState(DeviceState state, Instant seen) {
        return new DeviceRecord(deviceId, online, seen, presenceChangedAt, state.deviceKind(), state.status(),
                state.status() == DeviceState.Status.IN_SERVICE, CashUnitView.of(state.cashUnits()), state.at(),
                lastFault, lastTransaction, lastCommand);
    }

    DeviceRecord withCashUnits(List<CashUnit> units, Instant seen) {
        return new DeviceRecord(deviceId, online, seen, presenceChangedAt, deviceKind, status, inService,
                CashUnitView.of(units), stateAt, lastFault, lastTransaction, lastCommand);
    }

    DeviceRecord withFault(DeviceFaulted fault, Instant seen) {
        return new DeviceRecord(deviceId, online, seen, presenceChangedAt, deviceKind, status, inService, cashUnits,
                stateAt, new Fault(fault.component(), fault.faultCode(), fault.description(), fault.at()),
                lastTransaction, lastCommand);
    }

    DeviceRecord withTransaction(TransactionCompleted txn, Instant seen) {
        return new DeviceRecord(deviceId, online, seen, presenceChangedAt, deviceKind, status, inService, cashUnits,
                stateAt, lastFault, new LastTransaction(txn.transactionId(), txn.kind().name(),
                        Amount.of(txn.amount()), txn.result().name(), txn.at()), lastCommand);
    }

    DeviceRecord withSeen(Instant seen) {
        return new DeviceRecord(deviceId, online, seen, presenceChangedAt, deviceKind, status, inService, cashUnits,
                stateAt, lastFault, lastTransaction, lastCommand);
    }

    DeviceRecord withCommand(LastCommand command) {
        return new DeviceRecord(deviceId, online, lastSeen, presenceChangedAt, deviceKind, status, inService,
                cashUnits, stateAt, lastFault, lastTransaction, command);
    }

    /** An amount in minor units and its ISO 4217 code. */
    public record Amount(long minorUnits, String currency) {

        public static Amount of(Money money) {
            return new Amount(money.minorUnits(), money.currencyCode());
        }
    }

    /** One cash unit as last reported. */
    public record CashUnitView(String unitId, Amount denomination, int count) {

        static List<CashUnitView> of(List<CashUnit> units) {
            return units.stream()
                    .map(unit -> new CashUnitView(unit.unitId(), Amount.of(unit.denomination()), unit.count()))
                    .toList();
        }
    }

    /** A reported fault; {@code at} is the device's time. */
    public record Fault(String component, String faultCode, String description, Instant at) {
    }

    /** A transaction summary without account data; {@code result} is an Irc name. */
    public record LastTransaction(String transactionId, String kind, Amount amount, String result, Instant at) {
    }

    /** A command the hub published to the device's commands topic. */
    public record LastCommand(String command, String commandId, Instant issuedAt) {
    }
}
