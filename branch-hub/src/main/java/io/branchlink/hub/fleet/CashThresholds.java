package io.branchlink.hub.fleet;

import java.util.List;

/**
 * A cassette's low and high thresholds by denomination (configured ones first, then the defaults), and the level a
 * count is at.
 *
 * @see io.branchlink.hub.fleet.CashThresholdsTests
 */
final class CashThresholds {

    /** Where a cassette's count stands against its thresholds. */
    enum Level {
        /** No notes left. */
        EMPTY,
        /** At or below the low threshold: replenish. */
        LOW,
        OK,
        /** At or above the high threshold: nearly full (a deposit-fed cassette should be emptied). */
        HIGH
    }

    /** @param low notes at or below which the cassette is low; {@code high} notes at or above which it is high */
    record Limits(int low, int high) {
        Level level(int count) {
            if (count <= 0) {
                return Level.EMPTY;
            }
            if (count <= low) {
                return Level.LOW;
            }
            return count >= high ? Level.HIGH : Level.OK;
        }
    }

    private final Limits defaults;
    private final List<FleetProperties.Threshold> configured;

    CashThresholds(int lowNotes, int highNotes, List<FleetProperties.Threshold> configured) {
        if (lowNotes >= highNotes) {
            throw new IllegalArgumentException("the low threshold must be below the high one");
        }
        configured.forEach(threshold -> {
            if (threshold.low() >= threshold.high()) {
                throw new IllegalArgumentException("the low threshold of " + threshold.currency() + " "
                        + threshold.minorUnits() + " must be below its high one");
            }
        });
        this.defaults = new Limits(lowNotes, highNotes);
        this.configured = List.copyOf(configured);
    }

    static CashThresholds of(FleetProperties properties) {
        return new CashThresholds(properties.lowNotes(), properties.highNotes(), properties.thresholds());
    }

    Limits of(String currency, long minorUnits) {
        return configured.stream()
                .filter(threshold -> threshold.currency().equals(currency) && threshold.minorUnits() == minorUnits)
                .findFirst()
                .map(threshold -> new Limits(threshold.low(), threshold.high()))
                .orElse(defaults);
    }
}
