package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A device's current state, published retained on {@code .../state} whenever it changes. */
public record DeviceState(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) DeviceKind deviceKind,
        @JsonProperty(required = true) Status status,
        @JsonProperty(required = true) List<CashUnit> cashUnits,
        @JsonProperty(required = true) Instant at) implements MqttPayload {

    /** An ITM, a teller terminal, or a branch's queue-ticket machine. */
    public enum DeviceKind { ITM, TELLER, TICKET_MACHINE }

    public enum Status { IN_SERVICE, OUT_OF_SERVICE, FAULT }

    public DeviceState {
        Payloads.schemaVersion(schemaVersion);
        Payloads.required(deviceKind, "deviceKind");
        Payloads.required(status, "status");
        cashUnits = List.copyOf(Payloads.required(cashUnits, "cashUnits"));
        Payloads.required(at, "at");
    }

    public static DeviceState of(DeviceKind deviceKind, Status status, List<CashUnit> cashUnits, Instant at) {
        return new DeviceState(MqttJson.SCHEMA_VERSION, deviceKind, status, cashUnits, at);
    }
}
