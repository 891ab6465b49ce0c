package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.support.MutableClock;
import io.branchlink.protocol.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RiskFeatureStateTests {

    static final RiskLocation SHANGHAI_BRANCH = new RiskLocation(31.2304, 121.4737, "B-SH");

    private final MutableClock clock = new MutableClock();
    private final FeatureState state = newState();
    private final UUID customer = UUID.randomUUID();

    static FeatureState newState() {
        return new FeatureState(FeatureCatalogue.standard(),
                branch -> branch.equals("B-SH") ? Optional.of(SHANGHAI_BRANCH) : Optional.empty(),
                Duration.ofHours(24), ZoneId.of("Asia/Shanghai"), 1000);
    }

    private RiskEvent event(RiskAction action, String amount, String device, String counterparty, Instant at) {
        return new RiskEvent(at, action, customer, device, null, amount == null ? null : Money.parse(amount, "CNY"),
                counterparty, null, RiskChannel.APP);
    }

    private RiskRequest request(RiskAction action, String amount, String device, String counterparty,
            RiskLocation location) {
        return new RiskRequest(action, customer, device, null, amount == null ? null : Money.parse(amount, "CNY"),
                counterparty, location, RiskChannel.APP, null);
    }

    private Map<String, Double> features() {
        return state.features(request(RiskAction.TRANSFER, "1.00", "phone-1", null, null), clock.instant());
    }

    @Nested
    class Windows {

        @Test
        void anEventLeavesTheOneHourWindowAfterOneHour() {
            state.record(event(RiskAction.TRANSFER, "200.00", "phone-1", "payee-1", clock.instant()));
            assertThat(features()).containsEntry("customer.count.1h.all", 1.0)
                    .containsEntry("customer.sum.1h.action.transfer", 200.0)
                    .containsEntry("customer.count.1h.channel.app", 1.0)
                    .containsEntry("customer.count.1h.action.login", 0.0);

            clock.advance(Duration.ofMinutes(50));
            assertThat(features()).containsEntry("customer.count.1h.all", 1.0);

            clock.advance(Duration.ofMinutes(10));
            assertThat(features()).containsEntry("customer.count.1h.all", 0.0)
                    .containsEntry("customer.count.1d.all", 1.0)
                    .containsEntry("customer.sum.90d.all", 200.0);
        }

        @Test
        void sumsAndMaximaFollowTheEvents() {
            Instant now = clock.instant();
            state.record(event(RiskAction.CARDLESS_WITHDRAWAL, "300.00", "phone-1", null, now));
            state.record(event(RiskAction.CARDLESS_WITHDRAWAL, "500.00", "phone-1", null, now));
            state.record(event(RiskAction.LOGIN, null, "phone-1", null, now));
            assertThat(features()).containsEntry("customer.count.5m.all", 3.0)
                    .containsEntry("customer.sum.5m.all", 800.0)
                    .containsEntry("customer.max.5m.action.cardless_withdrawal", 500.0)
                    .containsEntry("device.count.5m.action.login", 1.0)
                    .containsEntry("point.usual_amount_90d", 400.0);
        }

        @Test
        void keepingFewEventsOrBucketsGivesTheSameFeatures() {
            Instant now = clock.instant();
            for (int i = 0; i < FilterSeries.SPARSE_LIMIT; i++) {
                state.record(event(RiskAction.TRANSFER, (i * 37 + 1) + ".01", "phone-1", "payee-" + (i % 3),
                        now.minus(Duration.ofSeconds(i * 523L))));
            }
            Map<String, Double> few = features();
            // one more event, older than every window, turns the key's filters into rings
            state.record(event(RiskAction.TRANSFER, "99.99", "phone-old", "payee-old", now.minus(Duration.ofDays(100))));
            assertThat(features()).isEqualTo(few);
            assertThat(few).containsEntry("customer.count.1h.action.transfer", 7.0)
                    .containsEntry("customer.count.6h.all", 16.0);
        }

        @Test
        void aBucketReusedForALaterTimeForgetsItsOldEvents() {
            state.record(event(RiskAction.LOGIN, null, "phone-1", null, clock.instant()));
            clock.advance(Duration.ofMinutes(61));
            state.record(event(RiskAction.LOGIN, null, "phone-1", null, clock.instant()));
            assertThat(features()).containsEntry("customer.count.1h.all", 1.0)
                    .containsEntry("customer.count.6h.all", 2.0);
        }
    }

    @Nested
    class Recency {

        @Test
        void keysNeverSeenAreFirstSeen() {
            assertThat(features()).containsEntry("customer.first_seen", 1.0).containsEntry("device.first_seen", 1.0)
                    .containsEntry("customer.since_last_s.all", -1.0).containsEntry("point.new_device", 1.0)
                    .containsEntry("counterparty.first_seen", 0.0);
        }

        @Test
        void timeSinceLastCountsSeconds() {
            state.record(event(RiskAction.LOGIN, null, "phone-1", null, clock.instant()));
            clock.advance(Duration.ofSeconds(90));
            Map<String, Double> f = features();
            assertThat(f.get("customer.since_last_s.action.login")).isBetween(90.0, 91.0);
            assertThat(f).containsEntry("customer.first_seen", 0.0).containsEntry("point.new_device", 0.0)
                    .containsEntry("customer.since_last_s.action.transfer", -1.0);
        }

        @Test
        void aDeviceBindingStartsACoolOffThatEnds() {
            state.record(event(RiskAction.DEVICE_BINDING, null, "phone-2", null, clock.instant()));
            assertThat(features()).containsEntry("point.cooloff_device_binding", 1.0)
                    .containsEntry("point.cooloff_phone_change", 0.0);
            clock.advance(Duration.ofHours(24));
            assertThat(features()).containsEntry("point.cooloff_device_binding", 0.0);
        }
    }

    @Nested
    class Pairings {

        @Test
        void distinctCountsCountOtherKeysInTheWindow() {
            for (int i = 0; i < 3; i++) {
                state.record(event(RiskAction.TRANSFER, "10.00", "phone-1", "payee-" + i, clock.instant()));
            }
            state.record(event(RiskAction.TRANSFER, "10.00", "phone-1", "payee-0", clock.instant()));
            assertThat(features()).containsEntry("customer.distinct_counterparty.1h", 3.0)
                    .containsEntry("customer.distinct_device.1h", 1.0);
            Map<String, Double> known = state.features(request(RiskAction.TRANSFER, "1.00", "phone-1", "payee-2",
                    null), clock.instant());
            assertThat(known).containsEntry("point.new_counterparty", 0.0)
                    .containsEntry("counterparty.distinct_customer.1d", 1.0);
            clock.advance(Duration.ofHours(2));
            assertThat(features()).containsEntry("customer.distinct_counterparty.1h", 0.0)
                    .containsEntry("customer.distinct_counterparty.1d", 3.0);
        }

        @Test
        void newDeviceTimesLargeAmountIsTheAmount() {
            Map<String, Double> f = state.features(request(RiskAction.TRANSFER, "1500.00", "phone-9", null, null),
                    clock.instant());
            assertThat(f).containsEntry("point.new_device_amount", 1500.0);
            Map<String, Double> small = state.features(request(RiskAction.TRANSFER, "999.99", "phone-9", null, null),
                    clock.instant());
            assertThat(small).containsEntry("point.new_device_amount", 0.0);
        }

        @Test
        void distanceIsKnownOnlyWithBothPositions() {
            Map<String, Double> far = state.features(request(RiskAction.CARDLESS_WITHDRAWAL, "100.00", "phone-1",
                    null, new RiskLocation(39.9042, 116.4074, "B-SH")), clock.instant());
            assertThat(far).containsEntry("point.distance_known", 1.0);
            assertThat(far.get("point.distance_km")).isBetween(1060.0, 1075.0);

            Map<String, Double> noBranchPosition = state.features(request(RiskAction.CARDLESS_WITHDRAWAL, "100.00",
                    "phone-1", null, new RiskLocation(39.9042, 116.4074, "B-UNKNOWN")), clock.instant());
            assertThat(noBranchPosition).containsEntry("point.distance_known", 0.0)
                    .containsEntry("point.distance_km", 0.0);
        }
    }

    @Test
    void theSameHistoryAndClockGiveTheSameFeatures() {
        FeatureState other = newState();
        Instant start = Instant.parse("2026-03-02T01:00:00Z");
        for (int i = 0; i < 50; i++) {
            RiskEvent event = event(i % 3 == 0 ? RiskAction.LOGIN : RiskAction.TRANSFER, (i * 7) + ".00",
                    "phone-" + (i % 4), "payee-" + (i % 5), start.plusSeconds(i * 600L));
            state.record(event);
            other.record(event);
        }
        Instant at = start.plus(Duration.ofHours(9));
        RiskRequest request = request(RiskAction.TRANSFER, "120.00", "phone-1", "payee-9", SHANGHAI_BRANCH);
        assertThat(other.features(request, at)).isEqualTo(state.features(request, at));
    }
}
