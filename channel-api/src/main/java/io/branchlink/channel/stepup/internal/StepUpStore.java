package io.branchlink.channel.stepup.internal;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending step-ups in PostgreSQL (V8__risk_step_ups.sql). */
@Repository
class StepUpStore {

    enum Status { PENDING, VERIFIED, USED, EXPIRED }

    record StepUp(String id, UUID customerId, String deviceId, RiskAction action, byte[] requestDigest,
            UUID decisionId, List<StepUpFactor> factors, Status status, Instant createdAt, Instant expiresAt,
            Instant verifiedAt, StepUpFactor verifiedFactor, Instant usedAt) {

        /** The status as of {@code now}: PENDING or VERIFIED past expiry is EXPIRED. */
        Status statusAt(Instant now) {
            boolean open = status == Status.PENDING || status == Status.VERIFIED;
            return open && !expiresAt.isAfter(now) ? Status.EXPIRED : status;
        }
    }

    private static final String COLUMNS = "id, customer_id, device_id, action, request_digest, decision_id, factors,"
            + " status, created_at, expires_at, verified_at, verified_factor, used_at";

    private final JdbcClient jdbc;

    StepUpStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StepUp stepUp) {
        jdbc.sql("""
                insert into risk_step_ups (id, customer_id, device_id, action, request_digest, decision_id, factors,
                                           status, created_at, expires_at)
                values (:id, :customer, :device, :action, :digest, :decision, :factors, 'PENDING', :now, :expires)""")
                .param("id", stepUp.id()).param("customer", stepUp.customerId()).param("device", stepUp.deviceId())
                .param("action", stepUp.action().name()).param("digest", stepUp.requestDigest())
                .param("decision", stepUp.decisionId())
                .param("factors", stepUp.factors().stream().map(Enum::name).collect(Collectors.joining(",")))
                .param("now", utc(stepUp.createdAt())).param("expires", utc(stepUp.expiresAt()))
                .update();
    }

    Optional<StepUp> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from risk_step_ups where id = :id")
                .param("id", id).query((rs, n) -> row(rs)).optional();
    }

    /** The step-up, locked until the transaction ends. */
    Optional<StepUp> lock(String id) {
        return jdbc.sql("select " + COLUMNS + " from risk_step_ups where id = :id for update")
                .param("id", id).query((rs, n) -> row(rs)).optional();
    }

    void verified(String id, StepUpFactor factor, Instant now) {
        jdbc.sql("update risk_step_ups set status = 'VERIFIED', verified_at = :now, verified_factor = :factor"
                        + " where id = :id and status = 'PENDING'")
                .param("now", utc(now)).param("factor", factor.name()).param("id", id).update();
    }

    void expired(String id) {
        jdbc.sql("update risk_step_ups set status = 'EXPIRED' where id = :id and status in ('PENDING', 'VERIFIED')")
                .param("id", id).update();
    }

    /**
     * Uses a verified, unexpired step-up of this customer, phone and request: one conditional UPDATE, so of two
     * concurrent callers exactly one gets 1 (the other waits for the row and then finds it USED).
     */
    boolean use(String id, UUID customerId, String deviceId, byte[] requestDigest, Instant now) {
        return jdbc.sql("""
                update risk_step_ups set status = 'USED', used_at = :now
                 where id = :id and status = 'VERIFIED' and customer_id = :customer and device_id = :device
                   and request_digest = :digest and expires_at > :now""")
                .param("now", utc(now)).param("id", id).param("customer", customerId).param("device", deviceId)
                .param("digest", requestDigest)
                .update() == 1;
    }

    int purge(Instant before) {
        return jdbc.sql("delete from risk_step_ups where expires_at < :before")
                .param("before", utc(before)).update();
    }

    private static StepUp row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String factors = rs.getString("factors");
        String verifiedFactor = rs.getString("verified_factor");
        return new StepUp(rs.getString("id"), rs.getObject("customer_id", UUID.class), rs.getString("device_id"),
                RiskAction.valueOf(rs.getString("action")), rs.getBytes("request_digest"),
                rs.getObject("decision_id", UUID.class),
                factors.isEmpty() ? List.of()
                        : Arrays.stream(factors.split(",")).map(StepUpFactor::valueOf).toList(),
                Status.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "verified_at"), verifiedFactor == null ? null : StepUpFactor.valueOf(verifiedFactor),
                instant(rs, "used_at"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
