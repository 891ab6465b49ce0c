package io.branchlink.hub.support;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.system.HubCluster;
import java.util.List;
import java.util.UUID;

/**
 * Two Hazelcast members of one hub cluster, configured exactly as hub nodes are ({@link HubCluster#memberConfig}),
 * on a fresh cluster name, for tests of what survives a node's death.
 */
public final class TwoHubMembers implements AutoCloseable {

    private final HazelcastInstance first;
    private final HazelcastInstance second;

    private TwoHubMembers(HazelcastInstance first, HazelcastInstance second) {
        this.first = first;
        this.second = second;
    }

    /** Starts both members and returns once they have formed one cluster. */
    public static TwoHubMembers start(String name, int firstPort) {
        String cluster = name + "-" + UUID.randomUUID();
        HazelcastInstance first = Hazelcast.newHazelcastInstance(HubCluster.memberConfig(cluster, cluster + "-a",
                firstPort, "127.0.0.1", List.of("127.0.0.1")));
        HazelcastInstance second = Hazelcast.newHazelcastInstance(HubCluster.memberConfig(cluster, cluster + "-b",
                firstPort, "127.0.0.1", List.of("127.0.0.1")));
        return new TwoHubMembers(first, second);
    }

    public HazelcastInstance first() {
        return first;
    }

    public HazelcastInstance second() {
        return second;
    }

    /** The first member dies without a goodbye, as a node losing power would. */
    public void killFirst() {
        first.getLifecycleService().terminate();
    }

    @Override
    public void close() {
        second.shutdown();
        first.shutdown();
    }
}
