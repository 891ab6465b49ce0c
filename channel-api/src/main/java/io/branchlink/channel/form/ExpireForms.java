package io.branchlink.channel.form;

import io.branchlink.channel.form.internal.FormStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Expires submitted and staged forms past their token's expiry and withdraws the staged ones from their branch. */
@Service
class ExpireForms {

    /** The most forms one call expires. */
    static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(ExpireForms.class);

    private final JdbcClient jdbc;
    private final FormStaging staging;
    private final Clock clock;

    ExpireForms(JdbcClient jdbc, FormStaging staging, Clock clock) {
        this.jdbc = jdbc;
        this.staging = staging;
        this.clock = clock;
    }

    /**
     * Expires forms past their token's expiry, at most {@value #BATCH} at a time, and withdraws the staged ones
     * from their branch.
     *
     * @return how many forms were expired
     */
    @Transactional
    public int expireDue() {
        Instant now = clock.instant();
        List<Expired> expired = jdbc.sql("""
                with due as (
                    select id, status, branch_id from form_drafts
                     where status in (%s) and token_expires_at <= ?
                     order by token_expires_at limit %d for update skip locked)
                update form_drafts f set status = ?, updated_at = ?, decided_at = ?
                  from due where f.id = due.id
                returning f.id, f.token_id, due.status as previous, due.branch_id
                """.formatted(FormStatus.EXPIRED.sqlSources(), BATCH))
                .params(Timestamp.from(now), FormStatus.EXPIRED.name(), Timestamp.from(now), Timestamp.from(now))
                .query(Expired.class)
                .list();
        for (Expired form : expired) {
            if (form.previous() == FormStatus.STAGED) {
                staging.withdrawn(form.branchId(), form.tokenId());
            }
            log.info("form expired draft={} token={}", form.id(), form.tokenId().substring(0, 8));
        }
        return expired.size();
    }

    private record Expired(UUID id, String tokenId, FormStatus previous, String branchId) {
    }
}
