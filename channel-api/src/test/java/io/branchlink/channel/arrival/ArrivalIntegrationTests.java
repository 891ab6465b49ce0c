package io.branchlink.channel.arrival;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.qr.QrTokenCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ArrivalIntegrationTests extends ChannelIntegrationTest {

    static final int RADIUS = 100;
    /** About 55 m north of the centre: inside a 100 m radius. */
    static final double INSIDE = 0.0005;
    /** About 222 m north of the centre: outside. */
    static final double OUTSIDE = 0.002;

    TestBank.Branch branch;
    double latitude;
    double longitude;
    TestBank.Customer customer;
    String session;

    @BeforeEach
    void branchWithALocationAndACustomer() {
        branch = bank.branch();
        // a place of its own, so that no other test's branch circle overlaps it
        latitude = ThreadLocalRandom.current().nextDouble(-60, 60);
        longitude = ThreadLocalRandom.current().nextDouble(-170, 170);
        jdbc.sql("update branches set latitude = ?, longitude = ?, radius_metres = ? where id = ?")
                .params(latitude, longitude, RADIUS, branch.id()).update();
        customer = bank.customer(50_000_00);
        session = login(customer);
    }

    Api.Response arrive(String who, double lat, double lon, double accuracy) {
        return api.post("/api/v1/arrivals", who, Map.of("latitude", lat, "longitude", lon,
                "accuracyMetres", accuracy));
    }

    Api.Response arriveInside(String who) {
        return arrive(who, latitude + INSIDE, longitude, 20);
    }

    /** Submits a password-reset form without a branch; returns its draft id and token id. */
    String[] submitted(String who, TestBank.Customer owner) {
        Map<String, String> values = new HashMap<>(Map.of("customerName", owner.fullName(), "idNumber",
                owner.idNumber(), "mobile", owner.phone(), "account", owner.accountNumber(), "passwordKind",
                "ONLINE"));
        Api.Response created = api.post("/api/v1/forms/drafts", who, Map.of("type", "PASSWORD_RESET",
                "values", values));
        assertThat(created.status()).as("draft: %s", created.body()).isEqualTo(201);
        Api.Response submitted = api.post("/api/v1/forms/drafts/" + created.text("id") + "/submit", who, Map.of());
        assertThat(submitted.status()).as("submitted: %s", submitted.body()).isEqualTo(200);
        assertThat(submitted.text("status")).isEqualTo("SUBMITTED");
        return new String[] {created.text("id"),
                QrTokenCodec.parse(submitted.text("token")).claims().tokenIdHex()};
    }

    String status(String draftId) {
        return jdbc.sql("select status || '@' || coalesce(branch_id, '-') from form_drafts where id = ?::uuid")
                .param(draftId).query(String.class).single();
    }

    String hub() {
        return Api.basic(branch.hubId(), branch.hubSecret());
    }

    List<JsonNode> feedEvents(String kind) {
        Api.Response feed = api.get("/api/hub/v1/forms/feed?after=0&waitSeconds=0", hub());
        assertThat(feed.status()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        feed.body().path("events").forEach(e -> {
            if (e.path("kind").asText().equals(kind)) {
                found.add(e);
            }
        });
        return found;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Nested
    class ByLocation {

        @Test
        void insideTheRadiusStagesEverySubmittedFormAndIssuesATicket() {
            String[] first = submitted(session, customer);
            String[] second = submitted(session, customer);

            Api.Response arrived = arriveInside(session);

            assertThat(arrived.status()).as(arrived.body().toString()).isEqualTo(200);
            assertThat(arrived.text("branchId")).isEqualTo(branch.id());
            assertThat(texts(arrived.body().path("staged"))).containsExactlyInAnyOrder(first[0], second[0]);
            JsonNode ticket = arrived.body().path("ticket");
            assertThat(ticket.path("number").asInt()).isEqualTo(1);
            assertThat(ticket.path("source").asText()).isEqualTo("LOCATION");
            assertThat(ticket.path("formsStaged").asInt()).isEqualTo(2);
            assertThat(ticket.path("customerInitial").asText()).isEqualTo(customer.fullName().substring(0, 1) + ".");
            assertThat(status(first[0])).isEqualTo("STAGED@" + branch.id());
            assertThat(status(second[0])).isEqualTo("STAGED@" + branch.id());
            assertThat(feedEvents("STAGED")).extracting(e -> e.path("tokenId").asText())
                    .containsExactlyInAnyOrder(first[1], second[1]);
            List<JsonNode> tickets = feedEvents("TICKET");
            assertThat(tickets).hasSize(1);
            assertThat(tickets.get(0).path("ticket").path("number").asInt()).isEqualTo(1);
            assertThat(tickets.get(0).path("ticket").path("customerId").asText()).isEqualTo(customer.id().toString());
        }

        @Test
        void arrivingTwiceStagesNothingTwiceAndAnswersTheSameTicket() {
            String[] form = submitted(session, customer);
            Api.Response first = arriveInside(session);
            Api.Response again = arriveInside(session);

            assertThat(again.status()).isEqualTo(200);
            assertThat(texts(again.body().path("staged"))).isEmpty();
            assertThat(again.body().path("ticket").path("ticketId").asText())
                    .isEqualTo(first.body().path("ticket").path("ticketId").asText());
            assertThat(again.body().path("ticket").path("number").asInt()).isEqualTo(1);
            assertThat(feedEvents("STAGED")).hasSize(1);
            assertThat(feedEvents("TICKET")).hasSize(1);
            assertThat(status(form[0])).isEqualTo("STAGED@" + branch.id());
        }

        @Test
        void aFormSubmittedAfterTheTicketJoinsItOnTheNextArrival() {
            submitted(session, customer);
            arriveInside(session);
            String[] later = submitted(session, customer);

            Api.Response again = arriveInside(session);

            assertThat(texts(again.body().path("staged"))).containsExactly(later[0]);
            assertThat(again.body().path("ticket").path("formsStaged").asInt()).isEqualTo(2);
            List<JsonNode> tickets = feedEvents("TICKET");
            assertThat(tickets).hasSize(2);
            assertThat(tickets.get(1).path("ticket").path("formsStaged").asInt()).isEqualTo(2);
        }

        @Test
        void outsideEveryRadiusIsNotAnArrival() {
            String[] form = submitted(session, customer);

            Api.Response outside = arrive(session, latitude + OUTSIDE, longitude, 10);

            assertThat(outside.status()).isEqualTo(422);
            assertThat(outside.text("code")).isEqualTo("NOT_AT_A_BRANCH");
            assertThat(status(form[0])).isEqualTo("SUBMITTED@-");
            assertThat(feedEvents("TICKET")).isEmpty();
        }

        @Test
        void aPositionCoarserThanTheRadiusIsNotAnArrival() {
            String[] form = submitted(session, customer);

            Api.Response coarse = arrive(session, latitude + INSIDE, longitude, RADIUS + 1);

            assertThat(coarse.status()).isEqualTo(422);
            assertThat(coarse.text("code")).isEqualTo("LOCATION_TOO_COARSE");
            assertThat(status(form[0])).isEqualTo("SUBMITTED@-");
        }

        @Test
        void coordinatesOutOfBoundsOrMissingAreRefusedBeforeUse() {
            assertThat(arrive(session, 90.5, longitude, 10).status()).isEqualTo(400);
            assertThat(arrive(session, latitude, -180.01, 10).status()).isEqualTo(400);
            assertThat(arrive(session, latitude, longitude, -1).status()).isEqualTo(400);
            assertThat(arrive(session, latitude, longitude, 100_001).status()).isEqualTo(400);
            assertThat(api.post("/api/v1/arrivals", session, Map.of("latitude", latitude)).status()).isEqualTo(400);
            assertThat(api.post("/api/v1/arrivals", session, Map.of("latitude", "north", "longitude", longitude,
                    "accuracyMetres", 5)).status()).isEqualTo(400);
        }

        @Test
        void aFormStagedAtAnotherBranchStaysThere() {
            TestBank.Branch other = bank.branch();
            String[] form = submitted(session, customer);
            assertThat(api.post("/api/v1/forms/drafts/" + form[0] + "/stage", session,
                    Map.of("branchId", other.id())).status()).isEqualTo(200);

            Api.Response arrived = arriveInside(session);

            assertThat(texts(arrived.body().path("staged"))).isEmpty();
            assertThat(arrived.body().path("ticket").path("formsStaged").asInt()).isZero();
            assertThat(status(form[0])).isEqualTo("STAGED@" + other.id());
        }

        @Test
        void anUnauthenticatedArrivalIsRefused() {
            assertThat(arriveInside(null).status()).isEqualTo(401);
        }
    }

    @Nested
    class Owners {

        @Test
        void aCustomerArrivingNeverStagesAnothersForms() {
            String[] mine = submitted(session, customer);
            TestBank.Customer other = bank.customer(10_000_00);
            String otherSession = login(other);

            Api.Response arrived = arriveInside(otherSession);

            assertThat(arrived.status()).isEqualTo(200);
            assertThat(texts(arrived.body().path("staged"))).isEmpty();
            assertThat(arrived.body().path("ticket").path("customerId").asText()).isEqualTo(other.id().toString());
            assertThat(status(mine[0])).isEqualTo("SUBMITTED@-");
        }

        @Test
        void aHubStagesOnlyTheFormsOfTheCustomerWhoseCodeItRead() {
            String[] mine = submitted(session, customer);
            TestBank.Customer other = bank.customer(10_000_00);
            String[] theirs = submitted(login(other), other);

            Api.Response arrived = api.post("/api/hub/v1/arrivals", hub(), Map.of("tokenId", mine[1],
                    "deviceId", "QTM00101"));

            assertThat(arrived.status()).as(arrived.body().toString()).isEqualTo(200);
            assertThat(texts(arrived.body().path("staged"))).containsExactly(mine[0]);
            assertThat(arrived.body().path("ticket").path("source").asText()).isEqualTo("MACHINE");
            assertThat(status(theirs[0])).isEqualTo("SUBMITTED@-");
        }
    }

    @Nested
    class Tickets {

        @Test
        void oneTicketPerCustomerPerBranchPerDayNumberedInOrder() {
            Api.Response first = api.post("/api/v1/branches/" + branch.id() + "/tickets", session, Map.of());
            Api.Response again = api.post("/api/v1/branches/" + branch.id() + "/tickets", session, Map.of());
            Api.Response someoneElse = api.post("/api/v1/branches/" + branch.id() + "/tickets",
                    login(bank.customer(10_000_00)), Map.of());

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().path("ticket").path("source").asText()).isEqualTo("REMOTE");
            assertThat(again.body().path("ticket").path("ticketId")).isEqualTo(first.body().path("ticket")
                    .path("ticketId"));
            assertThat(someoneElse.body().path("ticket").path("number").asInt()).isEqualTo(2);
            assertThat(feedEvents("TICKET")).hasSize(2);
        }

        @Test
        void aRemoteTicketStagesTheSubmittedFormsToo() {
            String[] form = submitted(session, customer);

            Api.Response ticket = api.post("/api/v1/branches/" + branch.id() + "/tickets", session, Map.of());

            assertThat(texts(ticket.body().path("staged"))).containsExactly(form[0]);
            assertThat(status(form[0])).isEqualTo("STAGED@" + branch.id());
        }

        @Test
        void numbersStartAgainOnTheNextBusinessDay() {
            api.post("/api/v1/branches/" + branch.id() + "/tickets", session, Map.of());
            api.post("/api/v1/branches/" + branch.id() + "/tickets", login(bank.customer(10_000_00)), Map.of());
            clock.advance(Duration.ofDays(1));
            String fresh = login(customer);

            Api.Response tomorrow = api.post("/api/v1/branches/" + branch.id() + "/tickets", fresh, Map.of());

            assertThat(tomorrow.status()).as(tomorrow.body().toString()).isEqualTo(200);
            assertThat(tomorrow.body().path("ticket").path("number").asInt()).isEqualTo(1);
        }

        @Test
        void anUnknownBranchIsNotFound() {
            Api.Response unknown = api.post("/api/v1/branches/NOPE42/tickets", session, Map.of());

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.text("code")).isEqualTo("BRANCH_UNKNOWN");
        }
    }

    @Nested
    class AtTheTicketMachine {

        @Test
        void anUnknownCodeIsNotFound() {
            Api.Response unknown = api.post("/api/hub/v1/arrivals", hub(), Map.of("tokenId",
                    "0123456789abcdef0123456789abcdef", "deviceId", "QTM00101"));

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.text("code")).isEqualTo("FORM_UNKNOWN");
        }

        @Test
        void aMalformedRequestIsRefused() {
            Api.Response bad = api.post("/api/hub/v1/arrivals", hub(), Map.of("tokenId", "not-hex",
                    "deviceId", "QTM00101"));

            assertThat(bad.status()).isEqualTo(400);
        }

        @Test
        void onlyHubsMayReportAnArrival() {
            String[] form = submitted(session, customer);

            Api.Response asCustomer = api.post("/api/hub/v1/arrivals", session, Map.of("tokenId", form[1],
                    "deviceId", "QTM00101"));

            assertThat(asCustomer.status()).isIn(401, 403);
            assertThat(status(form[0])).isEqualTo("SUBMITTED@-");
        }
    }
}
