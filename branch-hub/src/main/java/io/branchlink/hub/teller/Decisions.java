package io.branchlink.hub.teller;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.branchlink.hub.system.ClusterJson;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Decided forms and their vouchers, in the cluster: {@code hub.forms.decisions} (key: draft id) holds each form's
 * outcome, and its key is the lock that makes a decision happen once across the hub's nodes;
 * {@code hub.teller.vouchers} (key: voucher reference) holds the PDFs for the console's voucher link. Both keep
 * entries for {@code retention}.
 */
@Service
class Decisions {

    static final String MAP = "hub.forms.decisions";
    static final String VOUCHERS = "hub.teller.vouchers";

    private final IMap<String, HazelcastJsonValue> decisions;
    private final IMap<String, HazelcastJsonValue> vouchers;
    private final TellerProperties properties;

    Decisions(HazelcastInstance hazelcast, TellerProperties properties) {
        this.decisions = hazelcast.getMap(MAP);
        this.vouchers = hazelcast.getMap(VOUCHERS);
        this.properties = properties;
    }

    Optional<TellerView.Decision> find(String draftId) {
        return Optional.ofNullable(decisions.get(draftId)).map(v -> ClusterJson.read(v, TellerView.Decision.class));
    }

    void store(TellerView.Decision decision) {
        decisions.set(decision.draftId(), ClusterJson.write(decision), properties.retention().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code decide} holding the cluster lock of {@code draftId}, waiting up to {@code waitSeconds} for it.
     *
     * @return false when the lock could not be had in time
     */
    boolean underLock(String draftId, long waitSeconds, Runnable decide) throws InterruptedException {
        if (!decisions.tryLock(draftId, waitSeconds, TimeUnit.SECONDS, 2, TimeUnit.MINUTES)) {
            return false;
        }
        try {
            decide.run();
            return true;
        } finally {
            decisions.unlock(draftId);
        }
    }

    void storeVoucher(String reference, String terminalId, String contentHash, byte[] pdf) {
        vouchers.set(reference, ClusterJson.write(new StoredVoucher(terminalId, contentHash,
                Base64.getEncoder().encodeToString(pdf))), properties.retention().toMillis(), TimeUnit.MILLISECONDS);
    }

    Optional<StoredVoucher> voucher(String reference) {
        return Optional.ofNullable(vouchers.get(reference)).map(v -> ClusterJson.read(v, StoredVoucher.class));
    }

    /** A voucher PDF (Base64) and the terminal whose teller confirmed it. */
    record StoredVoucher(String terminalId, String contentHash, String pdf) {

        byte[] bytes() {
            return Base64.getDecoder().decode(pdf);
        }
    }
}
