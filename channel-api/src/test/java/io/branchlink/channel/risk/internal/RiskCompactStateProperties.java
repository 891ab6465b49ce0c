package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.protocol.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * The compact feature state ({@link EntityState}, {@link FilterSeries}, {@link WindowRing}, {@link Pairings}) gives
 * every feature of the catalogue exactly as the former layout ({@link LegacyFeatureState}) did, for random histories:
 * few and many events per key (both the few-events form and the rings), events with and without amounts, in time
 * order and shuffled (within the longest window), more than 64 payees per customer, read at and after the last
 * event.
 */
class RiskCompactStateProperties {

    private static final Instant BASE = Instant.parse("2026-06-01T08:00:00Z");
    private static final RiskLocation BRANCH = new RiskLocation(31.2304, 121.4737, "B1");

    @Property(tries = 60)
    void compactStateGivesTheFeaturesOfTheFormerLayout(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int events,
            @ForAll @IntRange(min = 1, max = 120) int payees, @ForAll boolean shuffled,
            @ForAll @IntRange(min = 0, max = 200_000) int readAfterSeconds) {
        SplittableRandom random = new SplittableRandom(seed);
        List<RiskEvent> history = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            history.add(event(random, payees, shuffled));
        }
        history.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        Instant last = history.get(history.size() - 1).occurredAt();
        if (shuffled) {
            Collections.shuffle(history, new Random(seed));
        }
        FeatureState compact = state();
        LegacyFeatureState former = new LegacyFeatureState(FeatureCatalogue.standard(), branch -> Optional.of(BRANCH),
                Duration.ofHours(24), ZoneId.of("Asia/Shanghai"), 1000);
        for (RiskEvent event : history) {
            compact.record(event);
            former.record(event);
        }
        assertThat(compact.size()).isEqualTo(former.size());
        Instant now = last.plusSeconds(readAfterSeconds);
        for (int r = 0; r < 4; r++) {
            RiskRequest request = request(random, payees);
            Map<String, Double> features = compact.features(request, now);
            Map<String, Double> formerFeatures = former.features(request, now);
            // the former layout predates the trust and device-integrity point features; every other value is equal
            assertThat(features).containsAllEntriesOf(formerFeatures);
            assertThat(features.keySet()).filteredOn(name -> !formerFeatures.containsKey(name))
                    .containsExactlyInAnyOrderElementsOf(LATER_POINTS);
        }
    }

    private static final List<String> LATER_POINTS = List.of(FeatureCatalogue.Point.TRUSTED_DEVICE,
            FeatureCatalogue.Point.TRUSTED_COUNTERPARTY, FeatureCatalogue.Point.USUAL_BRANCH,
            FeatureCatalogue.Point.USUAL_AREA, FeatureCatalogue.Point.INTEGRITY_REPORTED, FeatureCatalogue.Point.ROOTED,
            FeatureCatalogue.Point.EMULATOR, FeatureCatalogue.Point.TOKEN_AGE);

    @Property(tries = 500)
    void areaNamesAreThoseOfTheFormatter(@ForAll @DoubleRange(min = -90, max = 90) double latitude,
            @ForAll @DoubleRange(min = -180, max = 180) double longitude) {
        assertThat(AreaCells.name(latitude, longitude)).isEqualTo(formatted(latitude, longitude));
    }

    @Example
    void areaNamesAtCellEdgesAndSignedZeroAreThoseOfTheFormatter() {
        double[] edges = {0.0, -0.0, 0.1, -0.1, 0.3, -0.3, 0.05, -0.05, 31.2, 31.3, -33.9, 89.9999, -90, 90, 180, -180,
            121.4737, 1e-9, -1e-9};
        for (double latitude : edges) {
            for (double longitude : edges) {
                if (Math.abs(latitude) <= 90) {
                    assertThat(AreaCells.name(latitude, longitude)).isEqualTo(formatted(latitude, longitude));
                }
            }
        }
    }

    private static String formatted(double latitude, double longitude) {
        return String.format(Locale.ROOT, "%.1f:%.1f", Math.floor(latitude / 0.1) * 0.1,
                Math.floor(longitude / 0.1) * 0.1);
    }

    static FeatureState state() {
        return new FeatureState(FeatureCatalogue.standard(), branch -> Optional.of(BRANCH), Duration.ofHours(24),
                ZoneId.of("Asia/Shanghai"), 1000);
    }

    static RiskEvent event(SplittableRandom random, int payees, boolean shuffled) {
        // most events in the last day, some over 100 days: short and long windows, and events older than all of them;
        // shuffled histories stay inside the longest window (events arrive nearly in time order: which pairings an
        // event far older than the newest finds depends on when the table last dropped the expired ones)
        long days = shuffled ? 89 : 100;
        long back = random.nextInt(3) == 0 ? random.nextLong(days * 86_400_000) : random.nextLong(86_400_000);
        RiskAction action = RiskAction.values()[random.nextInt(RiskAction.values().length)];
        Money amount = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> Money.ofMinor(0, "CNY");
            default -> Money.ofMinor(1 + random.nextLong(random.nextBoolean() ? 100_000 : 5_000_000_000L), "CNY");
        };
        return new RiskEvent(BASE.minusMillis(back), action, new UUID(1, random.nextInt(3)),
                random.nextInt(5) == 0 ? null : "phone-" + random.nextInt(4),
                random.nextBoolean() ? null : new UUID(2, random.nextInt(3)), amount,
                random.nextBoolean() ? null : "payee-" + random.nextInt(payees), location(random),
                RiskChannel.values()[random.nextInt(RiskChannel.values().length)]);
    }

    static RiskRequest request(SplittableRandom random, int payees) {
        RiskEvent like = event(random, payees, false);
        return new RiskRequest(like.action(), like.customerId(), like.deviceId(), like.accountId(), like.amount(),
                like.counterparty(), like.location(), like.channel(), random.nextBoolean() ? null : 70);
    }

    private static RiskLocation location(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> new RiskLocation(null, null, "B" + random.nextInt(3));
            case 2 -> new RiskLocation(31.0 + random.nextDouble() * 0.3, 121.3 + random.nextDouble() * 0.3, null);
            default -> new RiskLocation(31.0 + random.nextDouble() * 0.3, 121.3 + random.nextDouble() * 0.3,
                    "B" + random.nextInt(3));
        };
    }
}
