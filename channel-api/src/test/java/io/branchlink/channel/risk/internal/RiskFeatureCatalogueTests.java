package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.protocol.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RiskFeatureCatalogueTests {

    private final FeatureCatalogue catalogue = FeatureCatalogue.standard();

    @Test
    void generatesMoreThanTwoThousandFeatures() {
        assertThat(catalogue.names()).hasSizeGreaterThan(2_000);
    }

    @Test
    void hasTheDocumentedCountWithTheTrustFeatures() {
        // docs/risk.md: 2,754 windowed + 88 distinct + 108 recency + 42 point
        assertThat(catalogue.names()).hasSize(2_992).contains("point.trusted_device", "point.trusted_counterparty",
                "point.usual_branch", "point.usual_area", "point.device_rooted", "point.device_emulator",
                "point.token_age_s");
    }

    @Test
    void namesAreUnique() {
        assertThat(new HashSet<>(catalogue.names())).hasSameSizeAs(catalogue.names());
    }

    @Test
    void namesFollowTheGrammar() {
        assertThat(catalogue.names()).contains("customer.count.1h.all", "customer.sum.30d.action.transfer",
                "device.max.1d.channel.itm", "area.count.1m.action.login", "customer.distinct_counterparty.1d",
                "counterparty.distinct_customer.7d", "branch.since_last_s.channel.itm", "device.first_seen",
                "point.amount", "point.distance_km", "point.action.cardless_withdrawal", "point.channel.app");
        assertThat(catalogue.names()).allMatch(name -> name.matches("[a-z_]+(\\.[a-z0-9_]+)+"));
    }

    @Test
    void countsWhatTheFamiliesDeclare() {
        FeatureCatalogue small = new FeatureCatalogue(List.of(new FeatureCatalogue.Windowed(
                EnumSet.of(Entity.CUSTOMER, Entity.DEVICE), EnumSet.of(Window.H1, Window.D1),
                EnumSet.of(FeatureCatalogue.Aggregate.COUNT), true, false)));
        int points = FeatureCatalogue.Point.FIXED.size() + RiskAction.values().length + RiskChannel.values().length;
        // 2 entities × 2 windows × 1 aggregate × (all + 8 actions)
        assertThat(small.names()).hasSize(2 * 2 * (1 + RiskAction.values().length) + points);
    }

    @Test
    void refusesADistinctCountOfAnEntityByItself() {
        assertThatThrownBy(() -> new FeatureCatalogue(List.of(new FeatureCatalogue.Distinct(Entity.CUSTOMER,
                EnumSet.of(Entity.CUSTOMER), EnumSet.of(Window.D1))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyDecisionSeesExactlyTheCatalogue() {
        FeatureState state = new FeatureState(catalogue, branch -> Optional.empty(), Duration.ofHours(24),
                ZoneId.of("Asia/Shanghai"), 1000);
        RiskRequest request = new RiskRequest(RiskAction.TRANSFER, UUID.randomUUID(), "phone-1", UUID.randomUUID(),
                Money.parse("10.00", "CNY"), "payee-1", new RiskLocation(31.2, 121.5, "B1"), RiskChannel.APP, 70);
        assertThat(state.features(request, Instant.parse("2026-03-02T02:00:00Z")).keySet())
                .containsExactlyInAnyOrderElementsOf(catalogue.names());
    }
}
