package io.branchlink.hub.teller;

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
 * The teller audit trail: every scan, refusal, confirmation and rejection, kept in the cluster's ring buffer
 * {@code hub.teller.audit} (the latest 10,000, one backup) and written as one structured log line. Records hold ids,
 * types and outcomes only: no token text, ID number or account number.
 */
@Service
class TellerAudit {

    static final String RINGBUFFER = HubCluster.AUDIT_RING;
    private static final Logger log = LoggerFactory.getLogger("io.branchlink.hub.teller.audit");

    private final Ringbuffer<String> records;
    private final Clock clock;

    TellerAudit(HazelcastInstance hazelcast, Clock clock) {
        this.records = hazelcast.getRingbuffer(RINGBUFFER);
        this.clock = clock;
    }

    /**
     * @param action {@code SCAN}, {@code REFUSAL}, {@code CONFIRM} or {@code REJECT}
     * @param outcome what came of it: {@code FORM_SHOWN}, a refusal code, or the decision's outcome
     */
    record AuditRecord(Instant at, String action, String tellerId, String terminalId, String draftId, String type,
            String outcome) {
    }

    AuditRecord record(String action, String tellerId, String terminalId, String draftId, String type,
            String outcome) {
        AuditRecord record = new AuditRecord(clock.instant(), action, tellerId, terminalId, draftId, type, outcome);
        log.info("teller.audit action={} teller={} terminal={} draftId={} type={} outcome={}", action, tellerId,
                terminalId, draftId == null ? "-" : draftId, type == null ? "-" : type, outcome);
        try {
            records.add(ClusterJson.write(record).getValue());
        } catch (RuntimeException e) {
            log.error("teller.audit not stored action={} terminal={} error={}", action, terminalId,
                    e.getClass().getName());
        }
        return record;
    }

    /** The latest records, newest first. */
    List<AuditRecord> latest(int limit) {
        return ClusterJson.latest(records, limit, AuditRecord.class);
    }
}
