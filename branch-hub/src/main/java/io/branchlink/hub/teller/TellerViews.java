package io.branchlink.hub.teller;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.branchlink.hub.system.ClusterJson;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;

/**
 * Each teller terminal's console view in the cluster map {@code hub.teller.views} (key: terminal id), so any hub
 * node serves any console; every change raises the view's version, with compare-and-set.
 */
@Service
class TellerViews {

    static final String MAP = "hub.teller.views";

    private final IMap<String, HazelcastJsonValue> views;

    TellerViews(HazelcastInstance hazelcast) {
        this.views = hazelcast.getMap(MAP);
    }

    TellerView current(String terminalId) {
        HazelcastJsonValue value = views.get(terminalId);
        return value == null ? TellerView.idle() : ClusterJson.read(value, TellerView.class);
    }

    /** Replaces the view with {@code next} (its version is set here); a repeat of the shown scan is ignored. */
    TellerView show(String terminalId, TellerView next) {
        return update(terminalId, current -> next.scanId() != null && next.scanId().equals(current.scanId())
                ? current : next);
    }

    /** Notes a decision on the view, when the view still shows that form. */
    void decided(String terminalId, TellerView.Decision decision) {
        update(terminalId, current -> current.form() != null && current.form().draftId().equals(decision.draftId())
                ? current.withForm(current.form().withDecision(decision)) : current);
    }

    private TellerView update(String terminalId, UnaryOperator<TellerView> change) {
        return ClusterJson.update(views, terminalId, TellerView.class, TellerView::idle, current -> {
            TellerView next = change.apply(current);
            return next == current ? current : next.withVersion(current.version() + 1);
        }, 32);
    }
}
