package io.branchlink.hub.form;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.branchlink.hub.system.ClusterJson;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The forms staged at this branch, shared by the hub cluster: the Hazelcast map {@code hub.forms.staged} (key: token
 * id; each entry lives until its token expires; one synchronous backup) and the feed cursor in
 * {@code hub.forms.cursor}. Entries are JSON ({@link HazelcastJsonValue}) so nodes of different versions read them.
 * Storing a form again keeps the confirmation id it got first.
 *
 * @see io.branchlink.hub.form.StagedFormsTests
 */
@Service
public class StagedForms {

    public static final String MAP = "hub.forms.staged";
    public static final String CURSOR_MAP = "hub.forms.cursor";
    private static final String CURSOR = "feed";
    private static final Logger log = LoggerFactory.getLogger(StagedForms.class);

    private final IMap<String, HazelcastJsonValue> staged;
    private final IMap<String, Long> cursor;
    private final Clock clock;

    StagedForms(HazelcastInstance hazelcast, Clock clock) {
        this.staged = hazelcast.getMap(MAP);
        this.cursor = hazelcast.getMap(CURSOR_MAP);
        this.clock = clock;
    }

    /**
     * Stores a form staged at this branch until its token expires, keeping the confirmation id of an earlier copy.
     *
     * @return the stored form, or empty when it has already expired
     */
    public Optional<StagedForm> stage(io.branchlink.protocol.hubapi.StagedForm form) {
        for (int attempt = 0; attempt < 16; attempt++) {
            Duration ttl = Duration.between(clock.instant(), form.expiresAt());
            if (ttl.toMillis() <= 0) {
                // under a millisecond left counts as expired: a TTL of 0 would mean "never expires" to Hazelcast
                staged.remove(form.tokenId());
                return Optional.empty();
            }
            HazelcastJsonValue current = staged.get(form.tokenId());
            StagedForm before = current == null ? null : read(current);
            String confirmationId = before != null && before.draftId().equals(form.draftId())
                    ? before.confirmationId() : UUID.randomUUID().toString();
            StagedForm next = new StagedForm(form, confirmationId, before == null ? clock.instant() : before.stagedAt());
            HazelcastJsonValue written = ClusterJson.write(next);
            if (current == null) {
                if (staged.putIfAbsent(form.tokenId(), written, ttl.toMillis(), TimeUnit.MILLISECONDS) == null) {
                    log.info("form.staged draftId={} type={} expiresAt={}", form.draftId(), form.type(),
                            form.expiresAt());
                    return Optional.of(next);
                }
            } else if (current.equals(written)) {
                return Optional.of(next);
            } else if (staged.replace(form.tokenId(), current, written)) {
                staged.setTtl(form.tokenId(), ttl.toMillis(), TimeUnit.MILLISECONDS);
                return Optional.of(next);
            }
        }
        throw new IllegalStateException("staged form changed 16 times while being stored");
    }

    public Optional<StagedForm> find(String tokenId) {
        return Optional.ofNullable(staged.get(tokenId)).map(this::read);
    }

    /** The forms of one customer staged here, oldest submission first: what a called queue ticket opens. */
    public List<StagedForm> ofCustomer(String customerId) {
        return staged.values().stream().map(this::read)
                .filter(f -> f.form().customer() != null && customerId.equals(f.form().customer().id()))
                .sorted(Comparator.comparing((StagedForm f) -> f.form().submittedAt(),
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(StagedForm::draftId))
                .toList();
    }

    /** Drops a form: withdrawn by channel-api, or decided here. Absent keys are fine. */
    public void remove(String tokenId) {
        staged.delete(tokenId);
    }

    /** The sequence number of the last feed event applied by the cluster, 0 before any. */
    long cursor() {
        Long value = cursor.get(CURSOR);
        return value == null ? 0 : value;
    }

    /** Moves the cursor forward to {@code seq}; never backwards, whichever node applies events. */
    void advanceCursor(long seq) {
        for (int attempt = 0; attempt < 16; attempt++) {
            Long current = cursor.get(CURSOR);
            if (current != null && current >= seq) {
                return;
            }
            boolean moved = current == null
                    ? cursor.putIfAbsent(CURSOR, seq) == null
                    : cursor.replace(CURSOR, current, seq);
            if (moved) {
                return;
            }
        }
    }

    private StagedForm read(HazelcastJsonValue value) {
        return ClusterJson.read(value, StagedForm.class);
    }
}
