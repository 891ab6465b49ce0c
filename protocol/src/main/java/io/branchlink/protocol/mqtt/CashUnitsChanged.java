package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** The note counts of a device's cash units changed: after a dispense, a deposit, or a replenishment. */
public record CashUnitsChanged(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) List<CashUnit> cashUnits,
        @JsonProperty(required = true) Instant at) implements DeviceEvent {

    public static final String TYPE = "cash-units-changed";

    public CashUnitsChanged {
        Payloads.schemaVersion(schemaVersion);
        cashUnits = List.copyOf(Payloads.required(cashUnits, "cashUnits"));
        Payloads.required(at, "at");
    }

    public static CashUnitsChanged of(List<CashUnit> cashUnits, Instant at) {
        return new CashUnitsChanged(MqttJson.SCHEMA_VERSION, cashUnits, at);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
