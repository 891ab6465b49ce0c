package io.branchlink.hub.support;

import static org.awaitility.Awaitility.await;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.system.HubCluster;
import java.time.Duration;
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

    /**
     * Starts both members and returns once they form one cluster that is safe: the partitions have been shared out
     * (the second member owns some) and every replica is in place, so the death of either loses nothing. Right after
     * the second member joins, the partition table still names the first as the only replica of every partition
     * (which counts as "safe"), and a member killed before the rebalancing ends takes data with it.
     */
    public static TwoHubMembers start(String name, int firstPort) {
        String cluster = name + "-" + UUID.randomUUID();
        HazelcastInstance first = Hazelcast.newHazelcastInstance(HubCluster.memberConfig(cluster, cluster + "-a",
                firstPort, "127.0.0.1", List.of("127.0.0.1")));
        HazelcastInstance second = Hazelcast.newHazelcastInstance(HubCluster.memberConfig(cluster, cluster + "-b",
                firstPort, "127.0.0.1", List.of("127.0.0.1")));
        await().atMost(Duration.ofSeconds(60)).until(() -> first.getCluster().getMembers().size() == 2
                && ownsPartitions(first, second) && first.getPartitionService().isClusterSafe()
                && second.getPartitionService().isClusterSafe());
        return new TwoHubMembers(first, second);
    }

    private static boolean ownsPartitions(HazelcastInstance cluster, HazelcastInstance member) {
        Member local = member.getCluster().getLocalMember();
        return cluster.getPartitionService().getPartitions().stream().anyMatch(p -> local.equals(p.getOwner()));
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
