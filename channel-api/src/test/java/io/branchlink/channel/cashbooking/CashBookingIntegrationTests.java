package io.branchlink.channel.cashbooking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.sms.SmsGateway;
import io.branchlink.channel.sms.SmsGatewayUnavailableException;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.SmsGatewayDouble;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Large-cash bookings from the app: the hold behind a booking, bounds, owner checks, idempotency on requestId,
 * cancelling, the risk engine's DENY and STEP_UP, the end-of-day release and reminder, and the operators' cash
 * orders. Every test ends with the money invariants, the bookings' among them.
 */
class CashBookingIntegrationTests extends ChannelIntegrationTest {

    static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");
    static final String OPERATOR_AUTH = Api.basic(OPERATOR, OPERATOR_PASSWORD);

    @Autowired
    List<EndOfDayStep> steps;

    @Autowired
    SmsGateway sms;

    TestBank.Branch branch;
    TestBank.Customer customer;
    String session;

    @BeforeEach
    void customerWithMoney() {
        inDaytime();
        branch = bank.branch();
        customer = bank.customer(200_000_00);
        session = login(customer);
    }

    @Nested
    class Booking {

        @Test
        void holdsTheAmountUntilTheBookedDayAndShowsASignedCodeForTheBranch() {
            Api.Response booked = book(session, customer, "60000", today().plusDays(2), "CNY100", requestId());

            assertThat(booked.status()).as(booked.body().toString()).isEqualTo(201);
            assertThat(booked.text("status")).isEqualTo("BOOKED");
            assertThat(booked.body().path("amount").decimalValue()).isEqualByComparingTo("60000");
            assertThat(bank.balance(customer.accountId())).isEqualTo(200_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);

            Api.Response code = api.get("/api/v1/cash-bookings/" + booked.text("id") + "/code", session);
            assertThat(code.status()).isEqualTo(200);
            QrToken claims = QrTokenCodec.parse(code.text("code")).claims();
            assertThat(claims.type()).isEqualTo(TokenType.CASH_BOOKING);
            assertThat(claims.branchId()).isEqualTo(branch.id());
            assertThat(claims.amount().minorUnits()).isEqualTo(60_000_00);
            assertThat(claims.expiresAt()).isBefore(clock.instant().plus(Duration.ofMinutes(6)));
            assertThat(api.get("/api/v1/cash-bookings", session).body().get(0).path("id").asText())
                    .isEqualTo(booked.text("id"));
        }

        @Test
        void theSameRequestIdAnswersTheFirstBookingWithoutASecondHold() {
            String requestId = requestId();
            Api.Response first = book(session, customer, "60000", today().plusDays(2), "CNY100", requestId);
            Api.Response again = book(session, customer, "60000", today().plusDays(2), "CNY100", requestId);

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.text("id")).isEqualTo(first.text("id"));
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);
            assertThat(jdbc.sql("select count(*) from cash_bookings where customer_id = ?").param(customer.id())
                    .query(Integer.class).single()).isEqualTo(1);
        }

        @Test
        void theSameRequestIdWithAnotherBookingIsRefused() {
            String requestId = requestId();
            book(session, customer, "60000", today().plusDays(2), "CNY100", requestId);

            Api.Response other = book(session, customer, "70000", today().plusDays(2), "CNY100", requestId);

            assertThat(other.status()).isEqualTo(409);
            assertThat(other.irc()).isEqualTo("DUPLICATE");
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);
        }

        @Test
        void anotherCustomerCannotSeeCancelOrShowTheBookingNorBookOnTheAccount() {
            Api.Response booked = book(session, customer, "60000", today().plusDays(2), "CNY100", requestId());
            TestBank.Customer other = bank.customer(200_000_00);
            String otherSession = login(other);
            String path = "/api/v1/cash-bookings/" + booked.text("id");

            assertThat(api.get(path, otherSession).status()).isEqualTo(404);
            assertThat(api.get(path + "/code", otherSession).status()).isEqualTo(404);
            assertThat(api.delete(path, otherSession).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/cash-bookings", otherSession).body()).isEmpty();
            Api.Response onTheirAccount = book(otherSession, customer, "60000", today().plusDays(2), "CNY100",
                    requestId());
            assertThat(onTheirAccount.status()).isEqualTo(404);
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);
            assertThat(api.get(path, null).status()).isEqualTo(401);
        }

        @Test
        void aShortBalanceBooksNothing() {
            TestBank.Customer poor = bank.customer(10_000_00);

            Api.Response refused = book(login(poor), poor, "60000", today().plusDays(2), "CNY100", requestId());

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("NOT_SUFFICIENT_FUNDS");
            assertThat(bank.available(poor.accountId())).isEqualTo(10_000_00);
        }
    }

    @Nested
    class Bounds {

        @Test
        void refusesAnAmountBelowTheCounterThreshold() {
            Api.Response refused = book(session, customer, "49900", today().plusDays(2), "CNY100", requestId());

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.irc()).isEqualTo("INVALID_AMOUNT");
            assertThat(refused.body().path("detail").asText()).contains("50000.00");
        }

        @Test
        void refusesAnAmountAboveTheMaximum() {
            TestBank.Customer rich = bank.customer(9_000_000_00L);

            Api.Response refused = book(login(rich), rich, "5000100", today().plusDays(2), "CNY100", requestId());

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("EXCEEDS_LIMIT");
        }

        @Test
        void refusesAnAmountThatIsNotWholeNotesOfTheDenomination() {
            assertThat(book(session, customer, "60050", today().plusDays(2), "CNY100", requestId()).irc())
                    .isEqualTo("INVALID_AMOUNT");
            assertThat(book(session, customer, "60050.50", today().plusDays(2), "MIXED", requestId()).irc())
                    .isEqualTo("INVALID_AMOUNT");
            assertThat(book(session, customer, "60050", today().plusDays(2), "MIXED", requestId()).status())
                    .isEqualTo(201);
        }

        @Test
        void refusesTodayAndDaysBeyondTheHorizon() {
            Api.Response sameDay = book(session, customer, "60000", today(), "CNY100", requestId());
            Api.Response tooFar = book(session, customer, "60000", today().plusDays(31), "CNY100", requestId());

            assertThat(sameDay.status()).isEqualTo(422);
            assertThat(sameDay.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(tooFar.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(book(session, customer, "60000", today().plusDays(30), "CNY100", requestId()).status())
                    .isEqualTo(201);
        }

        @Test
        void refusesAnUnknownBranchAndMalformedInput() {
            Map<String, Object> body = body(customer, "60000", today().plusDays(2), "CNY100", requestId());
            body.put("branchId", "NOSUCH1");
            assertThat(api.post("/api/v1/cash-bookings", session, body).status()).isEqualTo(404);

            body.put("branchId", "bad branch");
            assertThat(api.post("/api/v1/cash-bookings", session, body).status()).isEqualTo(400);
            Map<String, Object> shortId = body(customer, "60000", today().plusDays(2), "CNY100", "short");
            assertThat(api.post("/api/v1/cash-bookings", session, shortId).status()).isEqualTo(400);
            assertThat(bank.available(customer.accountId())).isEqualTo(200_000_00);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void beforeTheDayReleasesTheHold() {
            Api.Response booked = book(session, customer, "60000", today().plusDays(2), "CNY100", requestId());

            Api.Response cancelled = api.delete("/api/v1/cash-bookings/" + booked.text("id"), session);

            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
            assertThat(bank.available(customer.accountId())).isEqualTo(200_000_00);
            assertThat(api.get("/api/v1/cash-bookings/" + booked.text("id") + "/code", session).status())
                    .isEqualTo(409);
            assertThat(api.delete("/api/v1/cash-bookings/" + booked.text("id"), session).status()).isEqualTo(409);
        }

        @Test
        void onTheDayIsRefused() {
            Api.Response booked = book(session, customer, "60000", today().plusDays(1), "CNY100", requestId());
            clock.advance(Duration.ofDays(1));

            Api.Response refused = api.delete("/api/v1/cash-bookings/" + booked.text("id"), login(customer));

            assertThat(refused.status()).isEqualTo(409);
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);
        }
    }

    @Nested
    class Risk {

        @Test
        void aDenyBooksAndHoldsNothing() {
            Map<String, Object> body = body(customer, "60000", today().plusDays(2), "CNY100", requestId());
            body.put("emulator", true);

            Api.Response refused = api.post("/api/v1/cash-bookings", session, body);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("RISK_DECLINED");
            assertThat(bank.available(customer.accountId())).isEqualTo(200_000_00);
            assertThat(jdbc.sql("select count(*) from risk_decisions where customer_id = ? and outcome = 'DENY'"
                    + " and action = 'LARGE_CASH_BOOKING'").param(customer.id()).query(Integer.class).single())
                    .isEqualTo(1);
        }

        @Test
        void aStepUpIsPassedAndTheSameRequestBooksOnce() {
            String secret = bank.enrolOtp(customer);
            // a large amount at night asks for a second factor (night-large-amount)
            ZonedDateTime now = clock.instant().atZone(BANK_ZONE);
            ZonedDateTime night = now.toLocalDate().plusDays(1).atTime(2, 0).atZone(BANK_ZONE);
            clock.advance(Duration.between(now, night));
            String nightSession = login(customer);
            Map<String, Object> body = body(customer, "60000", today().plusDays(2), "CNY100", requestId());

            Api.Response asked = api.post("/api/v1/cash-bookings", nightSession, body);
            assertThat(asked.status()).as(asked.body().toString()).isEqualTo(403);
            assertThat(asked.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(bank.available(customer.accountId())).isEqualTo(200_000_00);

            clock.advance(Duration.ofSeconds(30));
            body.put("stepUpId", passStepUpWithOtp(nightSession, asked, secret, 0));
            Api.Response booked = api.post("/api/v1/cash-bookings", nightSession, body);

            assertThat(booked.status()).as(booked.body().toString()).isEqualTo(201);
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);
        }
    }

    @Nested
    class EndOfDay {

        @BeforeEach
        void gatewayConnected() {
            // the first request of the JVM to the gateway double may pass the 1 s read timeout while it warms up
            try {
                sms.send("13900000000", "warm-up");
            } catch (SmsGatewayUnavailableException e) {
                // warmed up all the same
            }
        }

        @Test
        void remindsTheDayBeforeOnceAndReleasesANoShowAtTheEndOfTheDay() {
            LocalDate day = today().plusDays(1);
            Api.Response booked = book(session, customer, "60000", day, "CNY100", requestId());
            Api.Response later = book(session, customer, "50000", day.plusDays(2), "CNY100", requestId());

            close(today());
            close(today());

            List<JsonNode> reminders = SmsGatewayDouble.messagesTo(customer.phone());
            assertThat(reminders).hasSize(1);
            assertThat(reminders.get(0).path("text").asText()).contains("60000.00 CNY", day.toString(),
                    "Test branch " + branch.id());
            assertThat(bank.available(customer.accountId())).isEqualTo(90_000_00);

            close(day);
            close(day);

            assertThat(status(booked)).isEqualTo("NO_SHOW");
            assertThat(status(later)).isEqualTo("BOOKED");
            assertThat(bank.available(customer.accountId())).isEqualTo(150_000_00);
            assertThat(bank.balance(customer.accountId())).isEqualTo(200_000_00);
            assertThat(SmsGatewayDouble.messagesTo(customer.phone())).hasSize(2);
        }

        @Test
        void aGatewayThatIsDownDoesNotStopTheRelease() {
            LocalDate day = today().plusDays(1);
            Api.Response booked = book(session, customer, "60000", day, "CNY100", requestId());
            SmsGatewayDouble.answering(com.github.tomakehurst.wiremock.client.WireMock.serverError());

            close(today());
            close(day);

            assertThat(status(booked)).isEqualTo("NO_SHOW");
            assertThat(bank.available(customer.accountId())).isEqualTo(200_000_00);
        }

        private String status(Api.Response booked) {
            return api.get("/api/v1/cash-bookings/" + booked.text("id"), session).text("status");
        }

        private void close(LocalDate date) {
            steps.stream().filter(s -> s.name().equals("cashbooking.close")).findFirst().orElseThrow().run(date);
        }
    }

    @Nested
    class CashOrders {

        @Test
        void sumsTheOpenBookingsPerBranchDateAndDenomination() {
            LocalDate day = today().plusDays(3);
            TestBank.Customer other = bank.customer(200_000_00);
            book(session, customer, "60000", day, "CNY100", requestId());
            book(login(other), other, "50000", day, "CNY100", requestId());
            book(session, customer, "51000", day, "MIXED", requestId());
            Api.Response cancelled = book(session, customer, "55000", day.plusDays(1), "CNY100", requestId());
            api.delete("/api/v1/cash-bookings/" + cancelled.text("id"), session);

            Api.Response orders = api.get("/api/ops/v1/cash-orders?branchId=" + branch.id() + "&from=" + today()
                    + "&to=" + day.plusDays(5), OPERATOR_AUTH);

            assertThat(orders.status()).isEqualTo(200);
            assertThat(orders.body()).hasSize(2);
            JsonNode notes = orders.body().get(0);
            assertThat(notes.path("date").asText()).isEqualTo(day.toString());
            assertThat(notes.path("denomination").asText()).isEqualTo("CNY100");
            assertThat(notes.path("openBookings").asInt()).isEqualTo(2);
            assertThat(notes.path("openAmount").decimalValue()).isEqualByComparingTo("110000");
            assertThat(orders.body().get(1).path("denomination").asText()).isEqualTo("MIXED");
            assertThat(orders.body().get(1).path("openAmount").decimalValue()).isEqualByComparingTo("51000");
        }

        @Test
        void isForOperatorsOnlyAndBounded() {
            String query = "/api/ops/v1/cash-orders?from=" + today() + "&to=" + today().plusDays(5);

            assertThat(api.get(query, null).status()).isEqualTo(401);
            assertThat(api.get(query, session).status()).isEqualTo(401);
            assertThat(api.get("/api/ops/v1/cash-orders?from=" + today() + "&to=" + today().plusDays(200),
                    OPERATOR_AUTH).status()).isEqualTo(400);
        }
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(BANK_ZONE));
    }

    static String requestId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    Api.Response book(String session, TestBank.Customer customer, String amount, LocalDate date, String denomination,
            String requestId) {
        return api.post("/api/v1/cash-bookings", session, body(customer, amount, date, denomination, requestId));
    }

    Map<String, Object> body(TestBank.Customer customer, String amount, LocalDate date, String denomination,
            String requestId) {
        Map<String, Object> body = new HashMap<>(Map.of("account", customer.accountId(), "amount",
                new BigDecimal(amount), "date", date.toString(), "branchId", branch.id(), "denomination",
                denomination, "requestId", requestId));
        return body;
    }

    /**
     * Moves the test clock out of the bank's night (00:00 to 05:59), where the default rules step up every large
     * amount ({@code night-large-amount}), so that the tests decide the same at any hour they run.
     */
    void inDaytime() {
        java.time.ZonedDateTime now = clock.instant().atZone(BANK_ZONE);
        if (now.getHour() < 6) {
            clock.advance(Duration.between(now, now.toLocalDate().atTime(10, 0).atZone(BANK_ZONE)));
        }
    }
}
