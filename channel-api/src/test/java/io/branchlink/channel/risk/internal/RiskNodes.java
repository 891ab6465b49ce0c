package io.branchlink.channel.risk.internal;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds another node's risk engine (a restarted one, or a second channel-api) over the application's database from
 * the application's own parts, so tests of restarts and of two nodes say only what differs.
 */
final class RiskNodes {

    private final ApplicationContext context;

    RiskNodes(ApplicationContext context) {
        this.context = context;
    }

    /** Holds loaded from the database as a starting node loads them, following the others' changes. */
    RiskHolds holds(RiskTailProperties settings) {
        return new RiskHolds(bean(JdbcClient.class), bean(PlatformTransactionManager.class), bean(Clock.class),
                settings, bean(MeterRegistry.class));
    }

    /** An engine that rebuilds its state from the event table and then follows it through {@code tail}. */
    DefaultRiskEngine engine(RiskEventTail tail, RiskHolds holds) {
        return new DefaultRiskEngine(bean(RiskStore.class), tail, bean(CelRiskRules.class),
                bean(FeatureCatalogue.class), bean(RiskProperties.class), bean(TrustProperties.class), holds,
                bean(Clock.class), bean(MeterRegistry.class));
    }

    private <T> T bean(Class<T> type) {
        return context.getBean(type);
    }
}
