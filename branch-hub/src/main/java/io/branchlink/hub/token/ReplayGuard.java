package io.branchlink.hub.token;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Remembers, across the hub cluster, which terminal transaction consumed each token at channel-api, so that the same
 * token under another key is turned away without a call to channel-api. Only tokens channel-api approved are
 * remembered: a token declined for any reason, such as a wrong amount, stays usable for a corrected retry, and a
 * token channel-api reports as already used is left to channel-api, which answers the consuming key's own
 * retransmission with its stored approval. Hazelcast maps are AP and may lose an entry in a partition:
 * this guard only saves work, channel-api's conditional update is what makes a token single use.
 *
 * @see io.branchlink.hub.token.ReplayGuardTests
 */
@Component
public class ReplayGuard {

    static final String MAP = "hub.token.presented";

    private final IMap<String, String> consumed;
    private final TokenProperties properties;

    ReplayGuard(HazelcastInstance hazelcast, TokenProperties properties) {
        this.consumed = hazelcast.getMap(MAP);
        this.properties = properties;
    }

    /**
     * @return true when channel-api consumed {@code tokenId} under a transaction key other than
     *     {@code transactionKey}; false for an unknown token or a retransmission under the same key
     */
    public boolean consumedByAnother(String tokenId, String transactionKey) {
        String first = consumed.get(tokenId);
        return first != null && !first.equals(transactionKey);
    }

    /** Records that channel-api consumed {@code tokenId} for {@code transactionKey}; the first key recorded stays. */
    public void consumed(String tokenId, String transactionKey) {
        consumed.putIfAbsent(tokenId, transactionKey, properties.replayWindow().toSeconds(), TimeUnit.SECONDS);
    }
}
