package io.branchlink.channel.risk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskLocation;
import io.branchlink.protocol.money.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The risk engine's tables (V5, V9's decision column): the durable event log the feature state is rebuilt from, decisions, branch positions. */
@Component
class RiskStore {

    private static final TypeReference<List<RiskDecision.Reason>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, Object>> INPUTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate readOnly;
    private final ObjectMapper json;

    RiskStore(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.template.setFetchSize(10_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    /** Appends an event under a sequence number taken beforehand ({@link RiskEventTail.Tailer#reserve}). */
    void append(long seq, RiskEvent event) {
        RiskLocation location = event.location();
        jdbc.sql("""
                insert into risk_events (seq, occurred_at, action, channel, customer_id, device_id, account_id,
                    amount_minor, currency, counterparty, branch_id, latitude, longitude)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, Timestamp.from(event.occurredAt()), event.action().name(), event.channel().name(),
                        event.customerId(), event.deviceId(), event.accountId(),
                        event.amount() == null ? null : event.amount().minorUnits(),
                        event.amount() == null ? null : event.amount().currencyCode(), event.counterparty(),
                        location == null ? null : location.branchId(),
                        location == null ? null : location.latitude(),
                        location == null ? null : location.longitude())
                .update();
    }

    /**
     * Streams every event since {@code from} to {@code sink} on the calling thread, in the order they happened;
     * returns how many. The rows come in batches of 10,000 (PostgreSQL's driver honours the fetch size only inside a
     * transaction), so memory does not grow with the history.
     */
    long replay(Instant from, Consumer<RiskEvent> sink) {
        long[] n = {0};
        readOnly.executeWithoutResult(status -> template.query("select " + EVENT_COLUMNS
                        + " from risk_events where occurred_at > ? order by occurred_at, seq",
                rs -> {
                    sink.accept(event(rs));
                    n[0]++;
                }, Timestamp.from(from)));
        return n[0];
    }

    void save(RiskDecision decision) {
        jdbc.sql("""
                insert into risk_decisions (id, decided_at, customer_id, action, outcome, trusted, factors, reasons,
                    inputs, rule_set, skipped_second_factor)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)""")
                .params(decision.id(), Timestamp.from(decision.decidedAt()), decision.customerId(),
                        decision.action().name(), decision.outcome().name(), decision.trusted(),
                        String.join(",", decision.factors().stream().map(Enum::name).toList()),
                        write(decision.reasons()), write(decision.inputs()), decision.ruleSetVersion(),
                        decision.skippedSecondFactor())
                .update();
    }

    List<RiskDecision> decisions(UUID customerId, int limit) {
        return jdbc.sql("""
                select id, decided_at, customer_id, action, outcome, trusted, factors, reasons, inputs, rule_set,
                       skipped_second_factor
                  from risk_decisions where customer_id = ? order by decided_at desc, id limit ?""")
                .params(customerId, limit)
                .query((rs, row) -> new RiskDecision(rs.getObject("id", UUID.class),
                        rs.getTimestamp("decided_at").toInstant(), rs.getObject("customer_id", UUID.class),
                        RiskAction.valueOf(rs.getString("action")),
                        RiskDecision.Outcome.valueOf(rs.getString("outcome")), rs.getBoolean("trusted"),
                        factors(rs.getString("factors")), read(rs.getString("reasons"), REASONS),
                        read(rs.getString("inputs"), INPUTS), rs.getString("rule_set"),
                        rs.getBoolean("skipped_second_factor")))
                .list();
    }

    Optional<RiskLocation> branchPosition(String branchId) {
        return jdbc.sql("select latitude, longitude from risk_branch_positions where branch_id = ?")
                .param(branchId)
                .query((rs, row) -> new RiskLocation(rs.getDouble("latitude"), rs.getDouble("longitude"), branchId))
                .optional();
    }

    /** The columns {@link #event} reads, in its order. */
    static final String EVENT_COLUMNS = "occurred_at, action, channel, customer_id, device_id, account_id, amount_minor,"
            + " currency, counterparty, branch_id, latitude, longitude";

    /** Maps a row whose first twelve columns are {@link #EVENT_COLUMNS}, by position (1 occurred_at … 12 longitude). */
    static RiskEvent event(ResultSet rs) throws SQLException {
        long minor = rs.getLong(7);
        Money amount = rs.wasNull() ? null : Money.ofMinor(minor, rs.getString(8));
        double latitude = rs.getDouble(11);
        Double lat = rs.wasNull() ? null : latitude;
        double longitude = rs.getDouble(12);
        Double lon = rs.wasNull() ? null : longitude;
        String branch = rs.getString(10);
        RiskLocation location = lat == null && branch == null ? null : new RiskLocation(lat, lon, branch);
        return new RiskEvent(rs.getTimestamp(1).toInstant(), RiskAction.valueOf(rs.getString(2)),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class), amount, rs.getString(9),
                location, RiskChannel.valueOf(rs.getString(3)));
    }

    private static List<RiskDecision.StepUpFactor> factors(String text) {
        return text.isEmpty() ? List.of()
                : Arrays.stream(text.split(",")).map(RiskDecision.StepUpFactor::valueOf).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("risk decision not writable as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored risk decision not readable", e);
        }
    }
}
