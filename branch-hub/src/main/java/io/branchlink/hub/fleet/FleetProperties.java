package io.branchlink.hub.fleet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The fleet dashboard's settings.
 *
 * @param faultHistory faults kept per device, newest first (older ones are dropped)
 * @param cashWindow how far back the dispensing rate of a cassette is measured
 * @param cashSamples cash samples kept per cassette at most (the window's, plus the one before it)
 * @param maxStreams live pages (Server-Sent Event streams) this node serves at once; one more is refused with 503
 * @param streamTimeout how long one stream stays open before the browser reconnects
 * @param lowNotes the default low threshold of a cassette, in notes
 * @param highNotes the default high threshold of a cassette, in notes
 * @param thresholds thresholds for particular denominations, overriding the defaults
 */
@Validated
@ConfigurationProperties("branchlink.hub.fleet")
record FleetProperties(@DefaultValue("20") @Min(1) @Max(200) int faultHistory,
        @DefaultValue("2h") @NotNull Duration cashWindow,
        @DefaultValue("256") @Min(2) @Max(4096) int cashSamples,
        @DefaultValue("16") @Min(1) @Max(1000) int maxStreams,
        @DefaultValue("30m") @NotNull Duration streamTimeout,
        @DefaultValue("200") @Min(0) int lowNotes,
        @DefaultValue("2000") @Min(1) int highNotes,
        @DefaultValue List<@Valid Threshold> thresholds) {

    FleetProperties {
        thresholds = List.copyOf(thresholds);
        if (cashWindow.isNegative() || cashWindow.isZero()) {
            throw new IllegalArgumentException("branchlink.hub.fleet.cash-window must be positive");
        }
    }

    /**
     * The thresholds of one denomination.
     *
     * @param currency ISO 4217 alphabetic code
     * @param minorUnits the note's value in minor units, such as {@code 10000} for 100 CNY
     */
    record Threshold(@NotNull @Pattern(regexp = "[A-Z]{3}") String currency, @Min(1) long minorUnits,
            @Min(0) int low, @Min(1) int high) {
    }
}
