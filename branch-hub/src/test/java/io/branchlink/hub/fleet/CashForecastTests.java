package io.branchlink.hub.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.branchlink.hub.fleet.CashForecast.Forecast;
import io.branchlink.hub.fleet.CashForecast.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CashForecastTests {

    private static final Instant NOW = Instant.parse("2026-12-08T12:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(2);

    private static Sample at(int minutesAgo, int count) {
        return new Sample(NOW.minus(Duration.ofMinutes(minutesAgo)), count);
    }

    @Nested
    class Forecasts {

        @Test
        void projectsWhenTheCassetteRunsOutAtTheRateOverTheWindow() {
            // 120 notes in the two-hour window: 60 an hour; 300 left last 5 hours, 100 above low last 100 minutes
            Forecast forecast = CashForecast.of(List.of(at(150, 420), at(100, 380), at(30, 340), at(10, 300)),
                    300, 200, NOW, WINDOW);

            assertThat(forecast.notesPerHour()).isCloseTo(120 / 2.0, within(0.001));
            assertThat(forecast.emptyAt()).isEqualTo(NOW.plus(Duration.ofHours(5)));
            assertThat(forecast.lowAt()).isEqualTo(NOW.plus(Duration.ofMinutes(100)));
            assertThat(forecast.idle()).isFalse();
        }

        @Test
        void measuresAShortHistoryFromItsFirstSample() {
            Forecast forecast = CashForecast.of(List.of(at(30, 500), at(0, 470)), 470, 200, NOW, WINDOW);

            assertThat(forecast.notesPerHour()).isCloseTo(60, within(0.001));
            assertThat(forecast.emptyAt()).isEqualTo(NOW.plus(Duration.ofMinutes(470)));
        }

        @Test
        void countsNoReplenishmentAsDispensing() {
            Forecast forecast = CashForecast.of(List.of(at(130, 100), at(90, 80), at(60, 1000), at(30, 960)),
                    960, 200, NOW, WINDOW);

            assertThat(forecast.notesPerHour()).as("20 + 40 notes over two hours").isCloseTo(30, within(0.001));
        }

        @Test
        void isIdleWithoutADropInTheWindow() {
            Forecast forecast = CashForecast.of(List.of(at(300, 900), at(200, 800), at(60, 800)), 800, 200, NOW,
                    WINDOW);

            assertThat(forecast.idle()).isTrue();
            assertThat(forecast.emptyAt()).isNull();
            assertThat(forecast.lowAt()).isNull();
            assertThat(forecast.notesPerHour()).isZero();
        }

        @Test
        void isIdleWithoutHistory() {
            assertThat(CashForecast.of(List.of(), 800, 200, NOW, WINDOW).idle()).isTrue();
        }

        @Test
        void hasNoLowTimeForACassetteAlreadyLow() {
            Forecast forecast = CashForecast.of(List.of(at(60, 200), at(0, 150)), 150, 200, NOW, WINDOW);

            assertThat(forecast.lowAt()).isNull();
            assertThat(forecast.emptyAt()).isEqualTo(NOW.plus(Duration.ofHours(3)));
        }
    }

    @Nested
    class History {

        @Test
        void keepsSamplesInTimeOrderAndOneSampleBeforeTheWindow() {
            List<Sample> samples = new ArrayList<>();
            for (Sample sample : List.of(at(200, 900), at(20, 700), at(180, 880), at(60, 750), at(150, 850))) {
                samples = CashForecast.add(samples, sample, NOW, WINDOW, 100);
            }

            assertThat(samples).containsExactly(at(150, 850), at(60, 750), at(20, 700));
        }

        @Test
        void takesTheSameDeviceTimeOnce() {
            List<Sample> samples = CashForecast.add(List.of(at(20, 700)), at(20, 700), NOW, WINDOW, 100);

            assertThat(samples).containsExactly(at(20, 700));
        }

        @Test
        void keepsAtMostTheNewestMax() {
            List<Sample> samples = new ArrayList<>();
            for (int minute = 100; minute > 0; minute--) {
                samples = CashForecast.add(samples, at(minute, minute), NOW, WINDOW, 10);
            }

            assertThat(samples).hasSize(10).first().isEqualTo(at(10, 10));
        }
    }
}
