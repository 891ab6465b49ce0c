package io.branchlink.hub.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.channel.HubForms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staged forms on a two-member hub cluster: a form survives the member that stored it, and leaves at its expiry. */
class StagedFormsTests {

    private HazelcastInstance first;
    private HazelcastInstance second;

    @BeforeEach
    void twoMembers() {
        String cluster = "staged-" + UUID.randomUUID();
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
        config.getNetworkConfig().setPort(5901).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
        config.addMapConfig(new MapConfig("hub.*").setBackupCount(1));
        config.addMapConfig(new MapConfig(StagedForms.MAP).setBackupCount(1));
        return config;
    }

    private static HubForms.FormData form(String tokenId, Duration ttl) {
        return new HubForms.FormData("draft-" + tokenId, tokenId, "TIME_DEPOSIT_OPENING", "BR001",
                new HubForms.Customer("c-1", "Alice Chen", "0142"), Map.of("amount", "20000.00"), Instant.now(),
                Instant.now().plus(ttl));
    }

    @Test
    void aStagedFormSurvivesTheDeathOfTheMemberThatStoredIt() {
        assertThat(first.getCluster().getMembers()).hasSize(2);
        StagedForms nodeA = new StagedForms(first, Clock.systemUTC());
        Map<String, String> confirmations = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            String tokenId = "token-" + i;
            confirmations.put(tokenId, nodeA.stage(form(tokenId, Duration.ofHours(1))).orElseThrow().confirmationId());
        }

        first.getLifecycleService().terminate();
        StagedForms nodeB = new StagedForms(second, Clock.systemUTC());

        confirmations.forEach((tokenId, confirmationId) -> assertThat(nodeB.find(tokenId))
                .as(tokenId).hasValueSatisfying(form -> assertThat(form.confirmationId()).isEqualTo(confirmationId)));
    }

    @Test
    void aStagedFormLeavesAtItsExpiryOnEveryMember() {
        StagedForms nodeA = new StagedForms(first, Clock.systemUTC());
        StagedForms nodeB = new StagedForms(second, Clock.systemUTC());
        nodeA.stage(form("short", Duration.ofSeconds(2)));
        nodeA.stage(form("long", Duration.ofHours(1)));
        assertThat(nodeB.find("short")).isPresent();

        await().atMost(Duration.ofSeconds(6)).until(() -> nodeB.find("short").isEmpty());
        assertThat(nodeA.find("short")).isEmpty();
        assertThat(nodeB.find("long")).isPresent();
    }
}
