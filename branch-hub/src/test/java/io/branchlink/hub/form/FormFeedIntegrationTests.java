package io.branchlink.hub.form;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.support.ChannelApiAnswers;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.protocol.hubapi.Customer;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.FeedEvent;
import io.branchlink.protocol.hubapi.FeedEventKind;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.StagedForm;
import java.time.Duration;
import java.time.Instant;
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

    private static final String FEED = HubApiPaths.FORM_FEED;
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
        feed(List.of(new FeedEvent(third, FeedEventKind.WITHDRAWN.name(), lasting, null)), third);
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
        var form = new StagedForm("draft-" + tokenId, tokenId,
                "TIME_DEPOSIT_OPENING", BRANCH, null, Map.of("amount", "100.00"), Instant.now(),
                Instant.now().plus(Duration.ofHours(1)));
        String first = staged.stage(form).orElseThrow().confirmationId();
        String again = staged.stage(form).orElseThrow().confirmationId();
        assertThat(again).isEqualTo(first);
        assertThat(staged.stage(new StagedForm("other", tokenId,
                "TIME_DEPOSIT_OPENING", BRANCH, null, Map.of(), Instant.now(),
                Instant.now().minusSeconds(1)))).as("an expired form is not staged").isEmpty();
    }

    private static String tokenId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static FeedEvent staged(long seq, String tokenId, Instant expiresAt) {
        StagedForm form = new StagedForm("draft-" + tokenId, tokenId, "TIME_DEPOSIT_OPENING", BRANCH,
                new Customer("c-1", "Alice Chen", "0142"), Map.of("customerName", "Alice Chen", "amount", "20000.00"),
                Instant.now(), expiresAt);
        return new FeedEvent(seq, FeedEventKind.STAGED.name(), tokenId, form);
    }

    private static void feed(List<FeedEvent> events, long last) {
        channelApi.stubFor(get(urlPathEqualTo(FEED)).willReturn(ChannelApiAnswers.json(new Feed(events, last))));
    }
}
