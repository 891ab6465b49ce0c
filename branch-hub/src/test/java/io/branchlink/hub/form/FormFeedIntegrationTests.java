package io.branchlink.hub.form;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.support.HubIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The staging loop against WireMock as channel-api's feed: staged forms reach {@code hub.forms.staged} with a TTL
 * to their expiry, withdrawn ones leave, and failures only pause the loop.
 */
class FormFeedIntegrationTests extends HubIntegrationTest {

    private static final String FEED = "/api/v1/hub/forms/feed";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Feed sequence numbers only grow within the shared context, as channel-api's do. */
    private static final AtomicLong SEQ = new AtomicLong(1_000);

    @Autowired
    StagedForms staged;

    @Autowired
    HazelcastInstance hazelcast;

    @Test
    void stagesFormsUntilTheirExpiryAndDropsWithdrawnOnes() throws Exception {
        String lasting = tokenId();
        String shortLived = tokenId();
        long first = SEQ.incrementAndGet();
        long second = SEQ.incrementAndGet();
        feed(List.of(staged(first, lasting, Instant.now().plus(Duration.ofHours(4))),
                staged(second, shortLived, Instant.now().plus(Duration.ofSeconds(2)))), second);

        await().atMost(Duration.ofSeconds(5)).until(() -> staged.find(lasting).isPresent()
                && staged.find(shortLived).isPresent());
        String confirmationId = staged.find(lasting).orElseThrow().confirmationId();
        assertThat(confirmationId).isNotBlank();
        assertThat(hazelcast.getMap(StagedForms.MAP).getEntryView(lasting).getTtl())
                .isBetween(Duration.ofHours(4).minusMinutes(1).toMillis(), Duration.ofHours(4).toMillis());
        assertThat(staged.cursor()).isGreaterThanOrEqualTo(second);

        await().atMost(Duration.ofSeconds(6)).until(() -> staged.find(shortLived).isEmpty());

        long third = SEQ.incrementAndGet();
        Map<String, Object> withdrawn = new LinkedHashMap<>();
        withdrawn.put("seq", third);
        withdrawn.put("kind", "WITHDRAWN");
        withdrawn.put("tokenId", lasting);
        withdrawn.put("form", null);
        feed(List.of(withdrawn), third);
        await().atMost(Duration.ofSeconds(5)).until(() -> staged.find(lasting).isEmpty());
    }

    @Test
    void keepsPollingThroughFailures() throws Exception {
        channelApi.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(503)));
        await().atMost(Duration.ofSeconds(5)).until(() -> channelApi.countRequestsMatching(
                getRequestedFor(urlPathEqualTo(FEED)).build()).getCount() >= 3);

        String tokenId = tokenId();
        long seq = SEQ.incrementAndGet();
        channelApi.resetMappings();
        feed(List.of(staged(seq, tokenId, Instant.now().plus(Duration.ofHours(1)))), seq);

        await().atMost(Duration.ofSeconds(5)).until(() -> staged.find(tokenId).isPresent());
    }

    @Test
    void restagingAFormKeepsItsConfirmationId() {
        String tokenId = tokenId();
        var form = new io.branchlink.hub.channel.HubForms.FormData("draft-" + tokenId, tokenId,
                "TIME_DEPOSIT_OPENING", BRANCH, null, Map.of("amount", "100.00"), Instant.now(),
                Instant.now().plus(Duration.ofHours(1)));
        String first = staged.stage(form).orElseThrow().confirmationId();
        String again = staged.stage(form).orElseThrow().confirmationId();
        assertThat(again).isEqualTo(first);
        assertThat(staged.stage(new io.branchlink.hub.channel.HubForms.FormData("other", tokenId,
                "TIME_DEPOSIT_OPENING", BRANCH, null, Map.of(), Instant.now(),
                Instant.now().minusSeconds(1)))).as("an expired form is not staged").isEmpty();
    }

    private static String tokenId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static Map<String, Object> staged(long seq, String tokenId, Instant expiresAt) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("draftId", "draft-" + tokenId);
        form.put("tokenId", tokenId);
        form.put("type", "TIME_DEPOSIT_OPENING");
        form.put("branchId", BRANCH);
        form.put("customer", Map.of("id", "c-1", "name", "Alice Chen", "mobileLast4", "0142"));
        form.put("values", Map.of("customerName", "Alice Chen", "amount", "20000.00"));
        form.put("submittedAt", Instant.now().toString());
        form.put("expiresAt", expiresAt.toString());
        return Map.of("seq", seq, "kind", "STAGED", "tokenId", tokenId, "form", form);
    }

    private static void feed(List<Map<String, Object>> events, long last) throws Exception {
        channelApi.stubFor(get(urlPathEqualTo(FEED)).willReturn(okJson(JSON.writeValueAsString(
                Map.of("events", events, "last", last)))));
    }
}
