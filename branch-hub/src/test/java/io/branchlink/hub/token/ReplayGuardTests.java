package io.branchlink.hub.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay guard across a two-node hub cluster: what one node admits, the other turns away, even after it dies. */
class ReplayGuardTests {

    private static final TokenProperties PROPERTIES = new TokenProperties(Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMinutes(15));

    private HazelcastInstance first;
    private HazelcastInstance second;

    @BeforeEach
    void twoMembers() {
        String cluster = "replay-" + UUID.randomUUID();
        first = Hazelcast.newHazelcastInstance(config(cluster));
        second = Hazelcast.newHazelcastInstance(config(cluster));
    }

    @AfterEach
    void shutdown() {
        second.shutdown();
        first.shutdown();
    }

    private static Config config(String cluster) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.partition.count", "11");
        config.getNetworkConfig().setPort(5801).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        config.addMapConfig(new MapConfig("hub.*").setBackupCount(1));
        return config;
    }

    @Test
    void aTokenAdmittedOnOneNodeIsADuplicateOnTheOther() {
        ReplayGuard nodeA = new ReplayGuard(first, PROPERTIES);
        ReplayGuard nodeB = new ReplayGuard(second, PROPERTIES);

        assertThat(first.getCluster().getMembers()).hasSize(2);
        assertThat(nodeA.admit("token-1", "ITM00101:000001:2026-11-25")).isTrue();
        assertThat(nodeB.admit("token-1", "ITM00102:000007:2026-11-25")).isFalse();
        assertThat(nodeB.admit("token-1", "ITM00101:000001:2026-11-25")).as("a retransmission").isTrue();
    }

    @Test
    void theSurvivingNodeStillKnowsTheTokenWhenTheOtherDies() {
        ReplayGuard nodeA = new ReplayGuard(first, PROPERTIES);
        for (int i = 0; i < 50; i++) {
            nodeA.admit("token-" + i, "ITM00101:" + i);
        }

        first.getLifecycleService().terminate();
        ReplayGuard nodeB = new ReplayGuard(second, PROPERTIES);

        for (int i = 0; i < 50; i++) {
            assertThat(nodeB.admit("token-" + i, "ITM00102:other")).as("token-%d", i).isFalse();
        }
    }
}
