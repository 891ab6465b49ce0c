package io.branchlink.channel.risk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two channel-api nodes on one database: the application's engine and a second one built beside it (as a second
 * node builds its own at start), each tailing the event table and the hold changes.
 */
class RiskTailIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    ApplicationContext context;

    private static final Logger log = LoggerFactory.getLogger(RiskTailIntegrationTests.class);
    static final String OPERATOR_AUTH = Api.basic(OPERATOR, OPERATOR_PASSWORD);

    @Autowired
    RiskEngine engine;


    @Autowired
    RiskEventTail tail;

    @Autowired
    RiskTailProperties settings;





    @Autowired
    RiskHolds holds;

    @Autowired
    Clock appClock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestBank.Customer customer;
    private TestBank.Branch branch;

    @BeforeEach
    void aCustomerAtABranch() {
        customer = bank.customer(1_000_00);
        branch = bank.branch();
    }

    @AfterEach
    void stopTheSecondNode() throws Exception {
        for (AutoCloseable node : opened) {
            node.close();
        }
    }

    private DefaultRiskEngine secondNode(RiskEventTail events, RiskHolds nodeHolds) {
        DefaultRiskEngine node = nodes().engine(events, nodeHolds);
        opened.add(node);
        return node;
    }

    private RiskNodes nodes() {
        return new RiskNodes(context);
    }

    private RiskHolds secondNodesHolds() {
        RiskHolds nodeHolds = nodes().holds(settings);
        opened.add(nodeHolds);
        return nodeHolds;
    }

    private DefaultRiskEngine first() {
        return (DefaultRiskEngine) engine;
    }

    private RiskEvent transfer(Instant at, int yuan, String payee) {
        return new RiskEvent(at, RiskAction.TRANSFER, customer.id(), customer.deviceId(), customer.accountId(),
                Money.parse(yuan + ".00", "CNY"), payee, new RiskLocation(31.24, 121.48, branch.id()),
                RiskChannel.APP);
    }

    private RiskRequest request() {
        return new RiskRequest(RiskAction.TRANSFER, customer.id(), customer.deviceId(), customer.accountId(),
                Money.parse("50.00", "CNY"), "payee-new", new RiskLocation(31.24, 121.48, branch.id()),
                RiskChannel.APP, null);
    }

    private double transfersInTheLastHour(DefaultRiskEngine node, Instant at) {
        return node.features(request(), at).get("customer.count.1h.action.transfer");
    }

    private double tailed(String name) {
        return meters.counter(name, "table", RiskEventTail.TABLE).count();
    }

    @Test
    void twoNodesRecordingInTurnGiveTheSameFeaturesOnceTheTailCaughtUp() {
        DefaultRiskEngine second = secondNode(tail, holds);
        Instant start = clock.instant().minus(Duration.ofMinutes(40));
        double rowsBefore = tailed("branchlink.risk.tail.rows");
        for (int i = 0; i < 12; i++) {
            RiskEvent event = i % 3 == 0
                    ? new RiskEvent(start.plus(Duration.ofMinutes(3L * i)), RiskAction.LOGIN, customer.id(),
                            customer.deviceId(), null, null, null, null, RiskChannel.APP)
                    : transfer(start.plus(Duration.ofMinutes(3L * i)), 100 * i, "payee-" + (i % 4));
            (i % 2 == 0 ? first() : second).record(event);
        }
        Instant at = clock.instant();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(transfersInTheLastHour(first(), at)).isEqualTo(8.0);
            assertThat(transfersInTheLastHour(second, at)).isEqualTo(8.0);
        });
        Map<String, Double> onFirst = first().features(request(), at);
        Map<String, Double> onSecond = second.features(request(), at);
        assertThat(onSecond).isEqualTo(onFirst);
        assertThat(onFirst).containsEntry("customer.count.1h.action.login", 4.0)
                .containsEntry("customer.sum.1h.all", 4_800.0)
                .containsEntry("customer.distinct_counterparty.1h", 4.0);
        // each node tailed the other's six events, and not its own
        assertThat(tailed("branchlink.risk.tail.rows") - rowsBefore).isGreaterThanOrEqualTo(12.0);
        assertThat(meters.timer("branchlink.risk.tail.lag", "table", RiskEventTail.TABLE).count()).isPositive();
    }

    @Test
    void anotherNodesEventIsSeenWithinAboutOnePollInterval() {
        DefaultRiskEngine second = secondNode(tail, holds);
        List<Long> lags = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            Instant now = clock.instant();
            second.record(transfer(now, 10, "payee-1"));
            long recorded = System.nanoTime();
            double expected = i;
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                    .until(() -> transfersInTheLastHour(first(), now) == expected);
            lags.add((System.nanoTime() - recorded) / 1_000_000);
        }
        long max = lags.stream().mapToLong(Long::longValue).max().orElseThrow();
        double mean = lags.stream().mapToLong(Long::longValue).average().orElseThrow();
        log.info("risk event tail lag over {} events with a {} ms poll interval: mean {} ms, max {} ms", lags.size(),
                settings.interval().toMillis(), Math.round(mean), max);
        assertThat(max).isLessThan(settings.interval().toMillis() + 300);
    }

    @Test
    void anEventCommittedAfterALaterOneIsPickedUpWhenItCommits() throws SQLException {
        Instant now = clock.instant();
        try (Connection late = dataSource.getConnection(); Connection early = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long lateSeq = insert(late, transfer(now, 700, "payee-late"));
            long earlySeq = insert(early, transfer(now, 300, "payee-early"));
            assertThat(earlySeq).isGreaterThan(lateSeq);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> first().features(request(), now).get("customer.sum.1h.all") == 300.0);
            late.commit();
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> first().features(request(), now).get("customer.sum.1h.all") == 1_000.0);
        assertThat(first().features(request(), now)).containsEntry("customer.count.1h.action.transfer", 2.0);
    }

    @Test
    void aRolledBackInsertIsGivenUpAfterTheTimeoutWithoutHoldingBackLaterEvents() throws SQLException {
        RiskEventTail quick = new RiskEventTail(jdbc, transactions,
                new RiskTailProperties(Duration.ofMillis(50), Duration.ofSeconds(1), 100), meters);
        DefaultRiskEngine second = secondNode(quick, holds);
        double givenUp = tailed("branchlink.risk.tail.gaps.given_up");
        Instant now = clock.instant();
        try (Connection rolledBack = dataSource.getConnection(); Connection later = dataSource.getConnection()) {
            rolledBack.setAutoCommit(false);
            insert(rolledBack, transfer(now, 700, "payee-never"));
            insert(later, transfer(now, 300, "payee-later"));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> second.features(request(), now).get("customer.sum.1h.all") == 300.0);
            rolledBack.rollback();
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> tailed("branchlink.risk.tail.gaps.given_up") > givenUp);
        second.record(transfer(now, 20, "payee-after"));
        first().record(transfer(now, 30, "payee-after"));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.features(request(), now).get("customer.sum.1h.all")
                == 350.0 && first().features(request(), now).get("customer.sum.1h.all") == 350.0);
        assertThat(second.features(request(), now)).isEqualTo(first().features(request(), now))
                .containsEntry("customer.count.1h.action.transfer", 3.0);
    }

    @Test
    void aHoldPlacedOnOneNodeDeniesOnTheOtherWithinThePollInterval() {
        RiskHolds otherHolds = secondNodesHolds();
        DefaultRiskEngine second = secondNode(tail, otherHolds);
        assertThat(second.decide(request()).outcome()).isEqualTo(RiskDecision.Outcome.ALLOW);

        Api.Response placed = api.post("/api/ops/v1/risk/holds", OPERATOR_AUTH, Map.of("kind", "CUSTOMER", "key",
                customer.id().toString(), "reason", "Reported stolen phone"));
        assertThat(placed.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> otherHolds.held(request(), appClock.instant()).contains(RiskHold.Kind.CUSTOMER));
        RiskDecision denied = second.decide(request());
        assertThat(denied.outcome()).isEqualTo(RiskDecision.Outcome.DENY);
        assertThat(denied.reasons()).extracting(RiskDecision.Reason::ruleId).containsExactly("hold");

        assertThat(api.delete("/api/ops/v1/risk/holds/" + placed.text("id"), OPERATOR_AUTH).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).until(() -> otherHolds.held(request(), appClock.instant()).isEmpty());
        assertThat(second.decide(request()).outcome()).isEqualTo(RiskDecision.Outcome.ALLOW);

        // and the other way: a device held on the second node denies through the application's API
        otherHolds.place(RiskHold.Kind.DEVICE, customer.deviceId(), customer.id(), "ops-2", "Lost phone", null);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> holds.held(request(), appClock.instant()).contains(RiskHold.Kind.DEVICE));
        assertThat(engine.decide(request()).outcome()).isEqualTo(RiskDecision.Outcome.DENY);
    }

    /** Appends an event as another node would, on a connection of its own; returns its sequence number. */
    private static long insert(Connection connection, RiskEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into risk_events (occurred_at, action, channel, customer_id, device_id, account_id,
                    amount_minor, currency, counterparty, branch_id, latitude, longitude)
                values (?, ?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?) returning seq""")) {
            insert.setTimestamp(1, Timestamp.from(event.occurredAt()));
            insert.setString(2, event.action().name());
            insert.setString(3, event.channel().name());
            insert.setObject(4, event.customerId());
            insert.setString(5, event.deviceId());
            insert.setObject(6, event.accountId());
            insert.setLong(7, event.amount().minorUnits());
            insert.setString(8, event.counterparty());
            insert.setString(9, event.location().branchId());
            insert.setDouble(10, event.location().latitude());
            insert.setDouble(11, event.location().longitude());
            try (var rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
