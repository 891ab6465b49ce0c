package io.branchlink.hub.teller;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.form.StagedForms;
import io.branchlink.hub.queue.TicketQueue;
import io.branchlink.hub.support.ChannelApiAnswers;
import io.branchlink.protocol.hubapi.Customer;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.FeedEvent;
import io.branchlink.protocol.hubapi.FeedEventKind;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.QueueTicket;
import io.branchlink.protocol.hubapi.StagedForm;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's queue panel on the real cluster map: tickets from channel-api's feed join the queue, "Call next"
 * calls the lowest waiting ticket to the teller's terminal and opens its customer's staged form, "Done" ends it,
 * and the waits are measured.
 */
class QueueConsoleIntegrationTests extends TellerTestSupport {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    TicketQueue queue;

    @Autowired
    StagedForms staged;

    @Autowired
    HazelcastInstance hazelcast;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void emptyQueue() {
        hazelcast.getMap(TicketQueue.MAP).clear();
    }

    static QueueTicket ticket(int number, String customerId, int forms) {
        return new QueueTicket(UUID.randomUUID().toString(), BRANCH, LocalDate.now(ZONE), number, customerId,
                "A.", "LOCATION", forms, Instant.now().minusSeconds(90));
    }

    /** A form of the customer staged here, as the feed stores it; returns its draft id. */
    String stagedFor(String customerId, String type) {
        String tokenId = UUID.randomUUID().toString().replace("-", "");
        StagedForm form = stagedForm(UUID.randomUUID().toString(), tokenId, BRANCH,
                Instant.now().plus(Duration.ofHours(4)));
        staged.stage(new StagedForm(form.draftId(), tokenId, type, BRANCH, new Customer(customerId, "Alice Chen",
                "0142"), form.values(), form.submittedAt(), form.expiresAt()));
        return form.draftId();
    }

    long timerCount(String name) {
        Timer timer = meters.find(name).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aTicketFromTheFeedJoinsTheQueue() throws Exception {
        Object cursor = hazelcast.getMap(StagedForms.CURSOR_MAP).get("feed");
        long seq = (cursor == null ? 0 : (Long) cursor) + 1;
        QueueTicket ticket = ticket(7, "c-feed", 0);
        channelApi.stubFor(get(urlPathEqualTo(HubApiPaths.FORM_FEED)).willReturn(ChannelApiAnswers.json(new Feed(
                List.of(new FeedEvent(seq, FeedEventKind.TICKET.name(), ticket.ticketId().replace("-", ""), null,
                        ticket)), seq))));

        await().atMost(Duration.ofSeconds(10)).until(() -> queue.find(ticket.ticketId()).isPresent());

        JsonNode panel = browser(TELLER, TELLER_PASSWORD).json("/teller/api/queue");
        assertThat(panel.path("tickets")).hasSize(1);
        assertThat(panel.path("tickets").get(0).path("label").asText()).isEqualTo("007");
        assertThat(panel.path("tickets").get(0).path("status").asText()).isEqualTo("WAITING");
        assertThat(panel.path("tickets").get(0).has("customerId")).as("no customer id in the browser").isFalse();
        assertThat(panel.path("summary").path("waiting").asInt()).isEqualTo(1);
    }

    @Test
    void callNextCallsTheLowestWaitingTicketAndOpensItsCustomersForm() throws Exception {
        String draftId = stagedFor("c-first", "TIME_DEPOSIT_OPENING");
        queue.issued(ticket(2, "c-second", 0));
        queue.issued(ticket(1, "c-first", 1));
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        teller.session();
        long before = teller.json("/teller/api/current").path("version").asLong();
        long waits = timerCount("branchlink.hub.queue.wait");

        HttpResponse<String> called = teller.post("/teller/api/queue/call-next", Map.of());

        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(called.body());
        assertThat(answer.path("ticket").path("label").asText()).isEqualTo("001");
        assertThat(answer.path("forms")).hasSize(1);
        assertThat(answer.path("forms").get(0).path("draftId").asText()).isEqualTo(draftId);
        JsonNode view = awaitView(teller, before);
        assertThat(view.path("state").asText()).isEqualTo("FORM");
        assertThat(view.path("form").path("draftId").asText()).isEqualTo(draftId);
        assertThat(timerCount("branchlink.hub.queue.wait")).isEqualTo(waits + 1);
        JsonNode panel = teller.json("/teller/api/queue");
        assertThat(panel.path("current").path("ticket").path("label").asText()).isEqualTo("001");
        assertThat(panel.path("tickets").get(0).path("status").asText()).isEqualTo("CALLED");
        assertThat(panel.path("tickets").get(0).path("terminalId").asText()).isEqualTo(TERMINAL);
        assertThat(panel.path("tickets").get(1).path("status").asText()).isEqualTo("WAITING");
        assertThat(panel.path("summary").path("waited").path("count").asInt()).isEqualTo(1);
        assertThat(panel.path("summary").path("waited").path("medianSeconds").asLong()).isBetween(89L, 120L);
    }

    @Test
    void doneEndsTheCalledTicketAndMeasuresTheService() throws Exception {
        queue.issued(ticket(1, "c-first", 0));
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        teller.session();
        String ticketId = JSON.readTree(teller.post("/teller/api/queue/call-next", Map.of()).body())
                .path("ticket").path("ticketId").asText();
        long services = timerCount("branchlink.hub.queue.service");

        HttpResponse<String> done = teller.post("/teller/api/queue/tickets/" + ticketId + "/done", Map.of());

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(JSON.readTree(done.body()).path("status").asText()).isEqualTo("DONE");
        assertThat(timerCount("branchlink.hub.queue.service")).isEqualTo(services + 1);
        JsonNode panel = teller.json("/teller/api/queue");
        assertThat(panel.path("current").isNull()).isTrue();
        assertThat(panel.path("summary").path("served").path("count").asInt()).isEqualTo(1);
        assertThat(teller.post("/teller/api/queue/tickets/" + ticketId + "/done", Map.of()).statusCode())
                .as("ended once").isEqualTo(409);
    }

    @Test
    void aTellerCannotEndAnotherCountersTicket() throws Exception {
        queue.issued(ticket(1, "c-first", 0));
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        teller.session();
        String ticketId = JSON.readTree(teller.post("/teller/api/queue/call-next", Map.of()).body())
                .path("ticket").path("ticketId").asText();
        TellerBrowser other = browser(OTHER_TELLER, OTHER_TELLER_PASSWORD);
        other.session();

        HttpResponse<String> done = other.post("/teller/api/queue/tickets/" + ticketId + "/done", Map.of());

        assertThat(done.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(done.body()).path("code").asText()).isEqualTo("NOT_CALLED_HERE");
        assertThat(queue.find(ticketId).orElseThrow().status()).isEqualTo("CALLED");
    }

    @Test
    void twoTellersCallingAtOnceGetDifferentTickets() throws Exception {
        queue.issued(ticket(1, "c-first", 0));
        queue.issued(ticket(2, "c-second", 0));
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        TellerBrowser other = browser(OTHER_TELLER, OTHER_TELLER_PASSWORD);
        teller.session();
        other.session();

        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> call(teller));
        CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> call(other));

        String a = JSON.readTree(first.get().body()).path("ticket").path("label").asText();
        String b = JSON.readTree(second.get().body()).path("ticket").path("label").asText();
        assertThat(List.of(a, b)).containsExactlyInAnyOrder("001", "002");
    }

    @Test
    void callingAnEmptyQueueSaysNobodyIsWaiting() throws Exception {
        TellerBrowser teller = browser(TELLER, TELLER_PASSWORD);
        teller.session();

        HttpResponse<String> called = teller.post("/teller/api/queue/call-next", Map.of());

        assertThat(called.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(called.body()).path("code").asText()).isEqualTo("QUEUE_EMPTY");
    }

    @Test
    void theQueueNeedsATellerLogin() throws Exception {
        assertThat(browser(null, null).get("/teller/api/queue").statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> call(TellerBrowser teller) {
        try {
            return teller.post("/teller/api/queue/call-next", Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
