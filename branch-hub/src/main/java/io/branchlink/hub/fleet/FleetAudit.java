package io.branchlink.hub.fleet;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.branchlink.hub.system.ClusterJson;
import io.branchlink.hub.system.HubCluster;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The operators' audit trail: every command sent from the dashboard (who, when, which device, which command and
 * what it said), kept in the cluster's ring buffer {@code hub.fleet.audit} (the latest 10,000, one backup) and
 * written as one structured log line, like the teller audit.
 */
@Service
class FleetAudit {

    private static final Logger log = LoggerFactory.getLogger("io.branchlink.hub.fleet.audit");

    private final Ringbuffer<String> records;
    private final Clock clock;

    FleetAudit(HazelcastInstance hazelcast, Clock clock) {
        this.records = hazelcast.getRingbuffer(HubCluster.FLEET_AUDIT_RING);
        this.clock = clock;
    }

    /**
     * @param command the contract's command name, such as {@code put-out-of-service}
     * @param detail the reason given, or the counted differences of a reconciliation
     */
    record AuditRecord(Instant at, String operatorId, String deviceId, String command, String commandId,
            String detail) {
    }

    AuditRecord record(String operatorId, String deviceId, String command, String commandId, String detail) {
        AuditRecord record = new AuditRecord(clock.instant(), operatorId, deviceId, command, commandId, detail);
        log.info("fleet.audit operator={} device={} command={} commandId={} detail={}", operatorId, deviceId,
                command, commandId, detail == null ? "-" : detail.replaceAll("[^\\x20-\\x7E]", "?"));
        try {
            records.add(ClusterJson.write(record).getValue());
        } catch (RuntimeException e) {
            log.error("fleet.audit not stored device={} command={} error={}", deviceId, command,
                    e.getClass().getName());
        }
        return record;
    }

    /** The latest records, newest first. */
    List<AuditRecord> latest(int limit) {
        return ClusterJson.latest(records, limit, AuditRecord.class);
    }
}
