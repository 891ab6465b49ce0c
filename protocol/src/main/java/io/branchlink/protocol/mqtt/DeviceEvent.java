package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * Something that happened on a device, published on {@code .../events/{eventType}}; the JSON {@code type} property
 * carries the same event type as the topic.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CashUnitsChanged.class, name = CashUnitsChanged.TYPE),
        @JsonSubTypes.Type(value = DeviceFaulted.class, name = DeviceFaulted.TYPE),
        @JsonSubTypes.Type(value = TransactionCompleted.class, name = TransactionCompleted.TYPE),
        @JsonSubTypes.Type(value = QrScanned.class, name = QrScanned.TYPE)})
public sealed interface DeviceEvent extends MqttPayload
        permits CashUnitsChanged, DeviceFaulted, TransactionCompleted, QrScanned {

    /** When it happened on the device. */
    Instant at();

    /** The last level of the event's topic and the JSON {@code type}. */
    @JsonIgnore
    String eventType();
}
