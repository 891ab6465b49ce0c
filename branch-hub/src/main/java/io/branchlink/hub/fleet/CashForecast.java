package io.branchlink.hub.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a cassette runs out at the recent rate: the notes it lost over the sliding window (the sum of every drop
 * between consecutive samples; a rise is a replenishment or a reconciliation and counts nothing) divided by the
 * time the window covers (from its start, or from the first sample when the history is shorter, to now). With no
 * drop in the window the cassette is idle and has no forecast.
 *
 * @see io.branchlink.hub.fleet.CashForecastTests
 */
final class CashForecast {

    /** One reported count of a cassette, at the device's time. */
    record Sample(Instant at, int count) {
    }

    /**
     * @param notesPerHour the recent rate; 0 when idle
     * @param emptyAt when the count reaches 0 at that rate; {@code null} when idle
     * @param lowAt when the count reaches the low threshold at that rate; {@code null} when idle or already low
     */
    record Forecast(double notesPerHour, Instant emptyAt, Instant lowAt) {

        boolean idle() {
            return emptyAt == null;
        }
    }

    private CashForecast() {
    }

    /**
     * @param samples the cassette's history, oldest first
     * @param count the cassette's count now
     * @param low the cassette's low threshold
     */
    static Forecast of(List<Sample> samples, int count, int low, Instant now, Duration window) {
        Instant from = now.minus(window);
        long dispensed = 0;
        Instant first = null;
        Sample previous = null;
        for (Sample sample : samples) {
            if (sample.at().isAfter(now)) {
                break;
            }
            if (previous != null && sample.at().isAfter(from) && sample.count() < previous.count()) {
                dispensed += previous.count() - sample.count();
            }
            if (first == null) {
                first = sample.at();
            }
            previous = sample;
        }
        if (dispensed == 0 || first == null) {
            return new Forecast(0, null, null);
        }
        Instant start = first.isAfter(from) ? first : from;
        double hours = Duration.between(start, now).toMillis() / 3_600_000.0;
        if (hours <= 0) {
            return new Forecast(0, null, null);
        }
        double perHour = dispensed / hours;
        Instant emptyAt = now.plusMillis(Math.round(count / perHour * 3_600_000));
        Instant lowAt = count > low ? now.plusMillis(Math.round((count - low) / perHour * 3_600_000)) : null;
        return new Forecast(perHour, emptyAt, lowAt);
    }

    /**
     * Adds a sample to a history kept for the forecast: samples at the same device time are one, samples before the
     * window are dropped except the last of them (the baseline of the first drop inside it), and at most
     * {@code max} are kept.
     */
    static List<Sample> add(List<Sample> samples, Sample sample, Instant now, Duration window, int max) {
        java.util.ArrayList<Sample> kept = new java.util.ArrayList<>(samples.size() + 1);
        boolean placed = false;
        for (Sample existing : samples) {
            if (existing.at().equals(sample.at())) {
                kept.add(sample);
                placed = true;
            } else {
                if (!placed && existing.at().isAfter(sample.at())) {
                    kept.add(sample);
                    placed = true;
                }
                kept.add(existing);
            }
        }
        if (!placed) {
            kept.add(sample);
        }
        Instant from = now.minus(window);
        int firstInWindow = 0;
        while (firstInWindow < kept.size() && !kept.get(firstInWindow).at().isAfter(from)) {
            firstInWindow++;
        }
        int start = Math.max(0, Math.max(firstInWindow - 1, kept.size() - max));
        return List.copyOf(kept.subList(start, kept.size()));
    }
}
