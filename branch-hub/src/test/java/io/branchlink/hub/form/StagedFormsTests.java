package io.branchlink.hub.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.support.TwoHubMembers;
import io.branchlink.protocol.hubapi.Customer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staged forms on a two-member hub cluster: a form survives the member that stored it, and leaves at its expiry. */
class StagedFormsTests {

    private TwoHubMembers members;
    private HazelcastInstance first;
    private HazelcastInstance second;

    @BeforeEach
    void twoMembers() {
        members = TwoHubMembers.start("staged", 5901);
        first = members.first();
        second = members.second();
    }

    @AfterEach
    void shutdown() {
        members.close();
    }

    private static io.branchlink.protocol.hubapi.StagedForm form(String tokenId, Duration ttl) {
        return new io.branchlink.protocol.hubapi.StagedForm("draft-" + tokenId, tokenId, "TIME_DEPOSIT_OPENING",
                "BR001", new Customer("c-1", "Alice Chen", "0142"), Map.of("amount", "20000.00"), Instant.now(),
                Instant.now().plus(ttl));
    }

    @Test
    void aStagedFormSurvivesTheDeathOfTheMemberThatStoredIt() {
        assertThat(first.getCluster().getMembers()).hasSize(2);
        assertThat(first.getConfig().findMapConfig(StagedForms.MAP).getBackupCount()).isEqualTo(1);
        StagedForms nodeA = new StagedForms(first, Clock.systemUTC());
        Map<String, String> confirmations = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            String tokenId = "token-" + i;
            confirmations.put(tokenId, nodeA.stage(form(tokenId, Duration.ofHours(1))).orElseThrow().confirmationId());
        }

        members.killFirst();
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
