package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.branchlink.protocol.money.Money;

/**
 * One cassette or cash unit of a device: its id, the denomination of its notes and how many it holds.
 *
 * @param unitId the device's name for the unit, such as {@code CST1}
 */
public record CashUnit(@JsonProperty(required = true) String unitId,
        @JsonProperty(required = true) Money denomination,
        @JsonProperty(required = true) int count) {

    public CashUnit {
        Payloads.text(unitId, "unitId", 32);
        Payloads.required(denomination, "denomination");
        if (!denomination.isPositive()) {
            throw new IllegalArgumentException("denomination must be positive");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
    }
}
