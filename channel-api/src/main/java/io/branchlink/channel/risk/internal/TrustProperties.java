package io.branchlink.channel.risk.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How trust is earned and lost ({@link TrustState}). Trust is counted in days of the engine's time zone, within the
 * 90 days the feature state remembers, so the periods are whole days below 90.
 *
 * @param deviceAfter how long a phone must have been in use (its first to its latest day of use) before it is
 *     trusted for the customer
 * @param deviceUses on how many different days it must have been used successfully
 * @param deviceIdle how long without a use makes it untrusted again (and starts its period over)
 * @param usualDays on how many different days in the last 90 a customer must have acted at a branch or in an area
 *     for it to be usual
 */
@ConfigurationProperties("branchlink.channel.risk.trust")
@Validated
record TrustProperties(@NotNull @DefaultValue("7d") Duration deviceAfter,
        @Min(1) @Max(89) @DefaultValue("3") int deviceUses,
        @NotNull @DefaultValue("60d") Duration deviceIdle,
        @Min(1) @Max(89) @DefaultValue("3") int usualDays) {

    static final TrustProperties DEFAULTS = new TrustProperties(Duration.ofDays(7), 3, Duration.ofDays(60), 3);

    TrustProperties {
        if (deviceAfter != null && (deviceAfter.isNegative() || deviceAfter.toDays() > 89
                || !deviceAfter.equals(Duration.ofDays(deviceAfter.toDays())))) {
            throw new IllegalArgumentException("trust.device-after must be whole days, 0 to 89");
        }
        if (deviceIdle != null && (deviceIdle.toDays() < 1 || deviceIdle.toDays() > 89
                || !deviceIdle.equals(Duration.ofDays(deviceIdle.toDays())))) {
            throw new IllegalArgumentException("trust.device-idle must be whole days, 1 to 89");
        }
    }
}
