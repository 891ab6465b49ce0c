package io.branchlink.hub.token;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Remembers, across the hub cluster, which terminal transaction first presented each token, so that the same token
 * under another key is turned away without a call to channel-api. Hazelcast maps are AP and may lose an entry in a
 * partition: this guard only saves work, channel-api's conditional update is what makes a token single use.
 */
@Component
public class ReplayGuard {

    static final String MAP = "hub.token.presented";

    private final IMap<String, String> presented;
    private final TokenProperties properties;

    ReplayGuard(HazelcastInstance hazelcast, TokenProperties properties) {
        this.presented = hazelcast.getMap(MAP);
        this.properties = properties;
    }

    /**
     * Records that {@code transactionKey} presents {@code tokenId}.
     *
     * @return true when this is the first presentation or a retransmission under the same key; false when another
     *     transaction presented the token first
     */
    public boolean admit(String tokenId, String transactionKey) {
        String first = presented.putIfAbsent(tokenId, transactionKey, properties.replayWindow().toSeconds(),
                TimeUnit.SECONDS);
        return first == null || first.equals(transactionKey);
    }
}
