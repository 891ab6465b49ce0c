package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.core.io.ClassPathResource;

/**
 * The in-memory part of {@code RiskEngine.decide} with the full catalogue (2,308 features) and the default rules,
 * over a state fed with 2,000 customers' 30 days of events: building the feature map, then evaluating every rule.
 * Storing the decision (one INSERT) is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RiskDecisionBenchmarks {

    static final int CUSTOMERS = 2_000;
    static final int EVENTS_PER_CUSTOMER = 30;
    static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");
    private static final RiskLocation BRANCH = new RiskLocation(31.2304, 121.4737, "B-SH");

    private FeatureState state;
    private RuleSet rules;
    private RiskRequest[] requests;
    private int next;

    @Setup
    public void setUp() {
        FeatureCatalogue catalogue = FeatureCatalogue.standard();
        state = new FeatureState(catalogue, branch -> Optional.of(BRANCH), Duration.ofHours(24),
                ZoneId.of("Asia/Shanghai"), 1000);
        try {
            rules = new RuleSetLoader(catalogue).load(new ClassPathResource(CelRiskRules.DEFAULT_RULES)
                    .getInputStream().readAllBytes(), "default", NOW);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuleSetLoader.RefusedException e) {
            throw new IllegalStateException(e);
        }
        Random random = new Random(42);
        RiskAction[] actions = RiskAction.values();
        requests = new RiskRequest[1024];
        for (int c = 0; c < CUSTOMERS; c++) {
            UUID customer = new UUID(42, c);
            UUID account = new UUID(43, c);
            for (int e = 0; e < EVENTS_PER_CUSTOMER; e++) {
                RiskAction action = actions[random.nextInt(actions.length)];
                state.record(new RiskEvent(NOW.minusSeconds(random.nextInt(30 * 86_400)), action, customer,
                        "phone-" + c + "-" + random.nextInt(2), account,
                        Money.ofMinor(100 * (1 + random.nextInt(5_000)), "CNY"),
                        action == RiskAction.TRANSFER ? "payee-" + random.nextInt(5_000) : null,
                        new RiskLocation(31.0 + random.nextDouble(), 121.0 + random.nextDouble(),
                                "B" + random.nextInt(50)), RiskChannel.APP));
            }
        }
        for (int i = 0; i < requests.length; i++) {
            int c = random.nextInt(CUSTOMERS);
            requests[i] = new RiskRequest(random.nextBoolean() ? RiskAction.TRANSFER : RiskAction.CARDLESS_WITHDRAWAL,
                    new UUID(42, c), "phone-" + c + "-" + random.nextInt(3), new UUID(43, c),
                    Money.ofMinor(100 * (1 + random.nextInt(10_000)), "CNY"), "payee-" + random.nextInt(5_000),
                    new RiskLocation(31.0 + random.nextDouble(), 121.0 + random.nextDouble(), "B-SH"),
                    RiskChannel.APP, null);
        }
    }

    @Benchmark
    public RiskDecision.Outcome decide() {
        RiskRequest request = requests[next++ & (requests.length - 1)];
        return rules.evaluate(state.features(request, NOW)).outcome();
    }

    @Benchmark
    public Map<String, Double> featuresOnly() {
        return state.features(requests[next++ & (requests.length - 1)], NOW);
    }
}
