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

    // a clock that stands still: two readings of the features must be taken at the same instant
    private final MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-12-07T10:15:30.123456789Z"));
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
        void aPairingOlderThanTheLongestWindowIsNewAgainWhetherOrNotItWasDropped() {
            state.record(event(RiskAction.TRANSFER, "10.00", "phone-1", "payee-1", clock.instant()));
            clock.advance(Duration.ofDays(89)); // the longest window is 90 days
            Map<String, Double> stillKnown = state.features(request(RiskAction.TRANSFER, "1.00", "phone-1",
                    "payee-1", null), clock.instant());
            assertThat(stillKnown).containsEntry("point.new_device", 0.0).containsEntry("point.new_counterparty", 0.0);
            clock.advance(Duration.ofDays(2));
            // a few pairings are never dropped from the table; a restart's replay would not have them either
            Map<String, Double> forgotten = state.features(request(RiskAction.TRANSFER, "1.00", "phone-1",
                    "payee-1", null), clock.instant());
            assertThat(forgotten).containsEntry("point.new_device", 1.0).containsEntry("point.new_counterparty", 1.0);
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

    /** Trust accrues with use and expires with disuse; the clock is moved by whole days from 10:00 in Shanghai. */
    @Nested
    class Trust {

        private Instant now = Instant.parse("2026-03-02T02:00:00Z");

        private void later(Duration duration) {
            now = now.plus(duration);
        }

        private void use(String device, RiskLocation location) {
            state.record(new RiskEvent(now, RiskAction.LOGIN, customer, device, null, null, null, location,
                    RiskChannel.APP));
        }

        private Map<String, Double> features(String device, String counterparty, RiskLocation location) {
            return state.features(request(RiskAction.TRANSFER, "10.00", device, counterparty, location), now);
        }

        private double trustedDevice() {
            return features("phone-1", null, null).get("point.trusted_device");
        }

        @Test
        void aPhoneIsTrustedOnceUsedOnThreeDaysSpanningAWeekNotBefore() {
            use("phone-1", null);
            later(Duration.ofDays(3));
            use("phone-1", null);
            later(Duration.ofDays(3));
            use("phone-1", null);
            assertThat(trustedDevice()).as("three days, six days apart").isZero();
            later(Duration.ofDays(1));
            assertThat(trustedDevice()).as("a week after the first use, but not used since").isZero();
            use("phone-1", null);
            assertThat(trustedDevice()).isEqualTo(1.0);
            assertThat(features("phone-2", null, null)).containsEntry("point.trusted_device", 0.0);
        }

        @Test
        void usesOnOneDayCountOnce() {
            for (int i = 0; i < 5; i++) {
                use("phone-1", null);
                later(Duration.ofMinutes(10));
            }
            later(Duration.ofDays(7));
            use("phone-1", null);
            assertThat(trustedDevice()).isZero();
        }

        @Test
        void aTrustedPhoneIsUntrustedAfterSixtyIdleDaysAndStartsOver() {
            for (int day = 0; day <= 7; day += 7) {
                use("phone-1", null);
                later(Duration.ofDays(3));
                use("phone-1", null);
                later(Duration.ofDays(4));
            }
            later(Duration.ofDays(-4));
            assertThat(trustedDevice()).isEqualTo(1.0);

            later(Duration.ofDays(60).minusMinutes(1));
            assertThat(trustedDevice()).as("idle for a minute less than 60 days").isEqualTo(1.0);
            later(Duration.ofMinutes(1));
            assertThat(trustedDevice()).as("idle for 60 days").isZero();

            use("phone-1", null);
            assertThat(trustedDevice()).as("used again: the period starts over").isZero();
            later(Duration.ofDays(3));
            use("phone-1", null);
            later(Duration.ofDays(4));
            use("phone-1", null);
            assertThat(trustedDevice()).isEqualTo(1.0);
        }

        @Test
        void theSettingsChangeThePeriods() {
            FeatureState quick = new FeatureState(FeatureCatalogue.standard(), branch -> Optional.empty(),
                    Duration.ofHours(24), ZoneId.of("Asia/Shanghai"), 1000,
                    new TrustProperties(Duration.ofDays(1), 2, Duration.ofDays(5), 1));
            RiskLocation branch = new RiskLocation(null, null, "B-1");
            quick.record(new RiskEvent(now, RiskAction.LOGIN, customer, "phone-1", null, null, null, branch,
                    RiskChannel.APP));
            RiskRequest request = request(RiskAction.TRANSFER, "1.00", "phone-1", null, branch);
            assertThat(quick.features(request, now)).containsEntry("point.trusted_device", 0.0)
                    .containsEntry("point.usual_branch", 1.0);
            later(Duration.ofDays(1));
            quick.record(new RiskEvent(now, RiskAction.LOGIN, customer, "phone-1", null, null, null, null,
                    RiskChannel.APP));
            assertThat(quick.features(request, now)).containsEntry("point.trusted_device", 1.0);
            later(Duration.ofDays(5));
            assertThat(quick.features(request, now)).containsEntry("point.trusted_device", 0.0);
        }

        @Test
        void aBranchAndAnAreaAreUsualAfterThreeDaysInNinety() {
            RiskLocation atBranch = new RiskLocation(31.2400, 121.4800, "B-SH");
            use("phone-1", atBranch);
            later(Duration.ofDays(10));
            use("phone-1", atBranch);
            use("phone-1", atBranch);
            assertThat(features("phone-1", null, atBranch)).containsEntry("point.usual_branch", 0.0)
                    .containsEntry("point.usual_area", 0.0);
            later(Duration.ofDays(10));
            use("phone-1", atBranch);
            assertThat(features("phone-1", null, atBranch)).containsEntry("point.usual_branch", 1.0)
                    .containsEntry("point.usual_area", 1.0);
            RiskLocation elsewhere = new RiskLocation(39.9042, 116.4074, "B-BJ");
            RiskLocation sameAreaOtherBranch = new RiskLocation(31.2300, 121.4700, "B-SH2");
            assertThat(features("phone-1", null, elsewhere)).containsEntry("point.usual_branch", 0.0)
                    .containsEntry("point.usual_area", 0.0);
            assertThat(features("phone-1", null, sameAreaOtherBranch)).containsEntry("point.usual_branch", 0.0)
                    .containsEntry("point.usual_area", 1.0);

            later(Duration.ofDays(70));
            assertThat(features("phone-1", null, atBranch)).as("the first day left the 90 days")
                    .containsEntry("point.usual_branch", 0.0).containsEntry("point.usual_area", 0.0);
        }

        @Test
        void aPayeePaidInTheLastNinetyDaysIsTrusted() {
            assertThat(features("phone-1", "landlord", null)).containsEntry("point.trusted_counterparty", 0.0);
            state.record(new RiskEvent(now, RiskAction.TRANSFER, customer, "phone-1", null,
                    Money.parse("100.00", "CNY"), "landlord", null, RiskChannel.APP));
            assertThat(features("phone-1", "landlord", null)).containsEntry("point.trusted_counterparty", 1.0);
            assertThat(features("phone-1", "grocer", null)).containsEntry("point.trusted_counterparty", 0.0);
            later(Duration.ofDays(90).minusMinutes(1));
            assertThat(features("phone-1", "landlord", null)).containsEntry("point.trusted_counterparty", 1.0);
            later(Duration.ofMinutes(1));
            // neither trusted nor known any more: a restart's replay of the last 90 days would not know it either
            assertThat(features("phone-1", "landlord", null)).containsEntry("point.trusted_counterparty", 0.0)
                    .containsEntry("point.new_counterparty", 1.0);
        }

        @Test
        void aStateRebuiltFromTheLastNinetyDaysTrustsTheSame() {
            FeatureState rebuilt = newState();
            Instant from = now.plus(Duration.ofDays(40)).minus(Duration.ofDays(90));
            RiskLocation atBranch = new RiskLocation(31.2400, 121.4800, "B-SH");
            // uses every 9 days for 120 days; the replay at the end sees only those after "from"
            for (int day = 0; day < 130; day += 9) {
                RiskEvent event = new RiskEvent(now.minus(Duration.ofDays(90)).plus(Duration.ofDays(day)),
                        RiskAction.TRANSFER, customer, "phone-1", null, Money.parse("10.00", "CNY"), "payee-" + day,
                        atBranch, RiskChannel.APP);
                state.record(event);
                if (event.occurredAt().isAfter(from)) {
                    rebuilt.record(event);
                }
            }
            later(Duration.ofDays(40));
            RiskRequest request = request(RiskAction.TRANSFER, "10.00", "phone-1", "payee-0", atBranch);
            Map<String, Double> trust = rebuilt.features(request, now);
            assertThat(state.features(request, now)).containsAllEntriesOf(Map.of(
                    "point.trusted_device", trust.get("point.trusted_device"),
                    "point.trusted_counterparty", trust.get("point.trusted_counterparty"),
                    "point.usual_branch", trust.get("point.usual_branch"),
                    "point.usual_area", trust.get("point.usual_area")));
            assertThat(trust).containsEntry("point.trusted_device", 1.0).containsEntry("point.usual_branch", 1.0)
                    .containsEntry("point.trusted_counterparty", 0.0);
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
