package io.branchlink.hub.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.support.TwoHubMembers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The replay guard across a two-node hub cluster: what one node admits, the other turns away, even after it dies. */
class ReplayGuardTests {

    private static final TokenProperties PROPERTIES = new TokenProperties(Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMinutes(15));

    private TwoHubMembers members;
    private HazelcastInstance first;
    private HazelcastInstance second;

    @BeforeEach
    void twoMembers() {
        members = TwoHubMembers.start("replay", 5801);
        first = members.first();
        second = members.second();
    }

    @AfterEach
    void shutdown() {
        members.close();
    }

    @Test
    void aTokenConsumedOnOneNodeIsADuplicateOnTheOther() {
        ReplayGuard nodeA = new ReplayGuard(first, PROPERTIES);
        ReplayGuard nodeB = new ReplayGuard(second, PROPERTIES);

        assertThat(first.getCluster().getMembers()).hasSize(2);
        assertThat(nodeA.consumedByAnother("token-1", "ITM00101:000001:2026-11-25")).isFalse();
        nodeA.consumed("token-1", "ITM00101:000001:2026-11-25");
        assertThat(nodeB.consumedByAnother("token-1", "ITM00102:000007:2026-11-25")).isTrue();
        assertThat(nodeB.consumedByAnother("token-1", "ITM00101:000001:2026-11-25")).as("a retransmission")
                .isFalse();
    }

    @Test
    void aTokenOnlyPresentedIsNotRemembered() {
        ReplayGuard guard = new ReplayGuard(first, PROPERTIES);

        assertThat(guard.consumedByAnother("token-2", "ITM00101:000002:2026-11-25")).isFalse();
        assertThat(guard.consumedByAnother("token-2", "ITM00101:000003:2026-11-25")).isFalse();
    }

    @Test
    void theSurvivingNodeStillKnowsTheTokenWhenTheOtherDies() {
        ReplayGuard nodeA = new ReplayGuard(first, PROPERTIES);
        for (int i = 0; i < 50; i++) {
            nodeA.consumed("token-" + i, "ITM00101:" + i);
        }

        members.killFirst();
        ReplayGuard nodeB = new ReplayGuard(second, PROPERTIES);

        for (int i = 0; i < 50; i++) {
            assertThat(nodeB.consumedByAnother("token-" + i, "ITM00102:other")).as("token-%d", i).isTrue();
        }
    }
}
