package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * An instruction from the hub to one device, published on {@code .../commands}; the JSON {@code command} property
 * names it. The device answers by publishing its new {@link DeviceState}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "command")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PutOutOfService.class, name = PutOutOfService.NAME),
        @JsonSubTypes.Type(value = PutInService.class, name = PutInService.NAME),
        @JsonSubTypes.Type(value = PrintVoucher.class, name = PrintVoucher.NAME),
        @JsonSubTypes.Type(value = ResetDevice.class, name = ResetDevice.NAME),
        @JsonSubTypes.Type(value = SetCashCounts.class, name = SetCashCounts.NAME),
        @JsonSubTypes.Type(value = PrintTicket.class, name = PrintTicket.NAME),
        @JsonSubTypes.Type(value = ShowSessionCode.class, name = ShowSessionCode.NAME),
        @JsonSubTypes.Type(value = AuthoriseSession.class, name = AuthoriseSession.NAME)})
public sealed interface Command extends MqttPayload
        permits PutOutOfService, PutInService, PrintVoucher, ResetDevice, SetCashCounts, PrintTicket, ShowSessionCode,
        AuthoriseSession {

    /** Unique per command, so a device that receives a QoS 1 duplicate acts once. */
    String commandId();

    Instant issuedAt();
}
