package io.branchlink.channel.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Credit cards end to end over HTTP: the operator opens a card, the processor posts signed purchases, the card's
 * end-of-day steps write statements and book interest for dates the test chooses, and the customer repays and asks
 * for limit changes from the app. The ledger's and the cards' money invariants are checked after every test.
 */
class CardIntegrationTests extends ChannelIntegrationTest {

    static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    @Autowired
    List<EndOfDayStep> steps;

    TestBank.Customer customer;
    String session;

    @BeforeEach
    void customerWithAPhone() {
        customer = bank.customer(100_000_00);
        session = login(customer);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BANK_ZONE);
    }

    /** The first date after today that is on a day of the month up to 28. */
    LocalDate nextStatementDate() {
        LocalDate date = today().plusDays(1);
        while (date.getDayOfMonth() > 28) {
            date = date.plusDays(1);
        }
        return date;
    }

    static int dueDayFor(LocalDate statementDate) {
        return (statementDate.getDayOfMonth() + 19) % 28 + 1;
    }

    static LocalDate dueDate(LocalDate statementDate) {
        LocalDate due = statementDate.plusDays(1);
        while (due.getDayOfMonth() != dueDayFor(statementDate)) {
            due = due.plusDays(1);
        }
        return due;
    }

    /** Opens a card through the operators' API; returns the answer (card and cardRef). */
    Api.Response issue(TestBank.Customer owner, String limit, LocalDate statementDate) {
        Api.Response issued = api.post("/api/ops/v1/cards", Api.basic(OPERATOR, OPERATOR_PASSWORD), Map.of(
                "customerId", owner.id(), "panLast4", "4321", "creditLimit", new BigDecimal(limit),
                "currency", "CNY", "statementDay", statementDate.getDayOfMonth(),
                "dueDay", dueDayFor(statementDate)));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        return issued;
    }

    record IssuedCard(String id, String ref) {
    }

    IssuedCard card(String limit, LocalDate statementDate) {
        Api.Response issued = issue(customer, limit, statementDate);
        return new IssuedCard(issued.body().path("card").path("id").asText(), issued.text("cardRef"));
    }

    IssuedCard card(String limit) {
        return card(limit, nextStatementDate());
    }

    /** The processor's message for a purchase, as the exact bytes it signs. */
    static String purchaseBody(String transactionId, String cardRef, String amount) {
        return "{\"transactionId\":\"" + transactionId + "\",\"cardRef\":\"" + cardRef + "\",\"amount\":\"" + amount
                + "\",\"currency\":\"CNY\",\"merchant\":\"Test Mart\"}";
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code body} as the processor does, with {@code signature} unless it is null. */
    Api.Response processor(String body, String signature) {
        RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        return client.post().uri("/api/processor/v1/purchases")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Processor-Signature", signature);
                    }
                })
                .body(body.getBytes(StandardCharsets.UTF_8))
                .exchange((request, response) -> {
                    byte[] bytes = response.getBody().readAllBytes();
                    return new Api.Response(response.getStatusCode().value(), response.getHeaders(), bytes,
                            new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes));
                });
    }

    Api.Response purchase(IssuedCard card, String amount) {
        String body = purchaseBody("T" + UUID.randomUUID().toString().replace("-", ""), card.ref(), amount);
        Api.Response answer = processor(body, sign(PROCESSOR_SECRET, body));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer;
    }

    Api.Response cardView(IssuedCard card) {
        return api.get("/api/v1/cards/" + card.id(), session);
    }

    BigDecimal balance(IssuedCard card) {
        return cardView(card).body().path("balance").decimalValue();
    }

    Api.Response repay(IssuedCard card, String key, UUID from, String amount) {
        HttpHeaders headers = new HttpHeaders();
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return api.call(HttpMethod.POST, "/api/v1/cards/" + card.id() + "/repayments", session, Map.of(
                "fromAccountId", from, "amount", new BigDecimal(amount), "currency", "CNY"), headers);
    }

    Api.Response requestLimit(IssuedCard card, String limit, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("creditLimit", new BigDecimal(limit), "currency", "CNY"));
        body.putAll(extra);
        return api.post("/api/v1/cards/" + card.id() + "/limit-requests", session, body);
    }

    /** A limit request confirmed with the phone's soft OTP when the risk engine asks for a second factor. */
    Api.Response requestLimitConfirmed(IssuedCard card, String limit) {
        String otp = bank.enrolOtp(customer);
        Api.Response answer = requestLimit(card, limit, Map.of());
        if ("STEP_UP_REQUIRED".equals(answer.irc())) {
            clock.advance(Duration.ofSeconds(30));
            String stepUpId = passStepUpWithOtp(session, answer, otp, 0);
            answer = requestLimit(card, limit, Map.of("stepUpId", stepUpId));
        }
        return answer;
    }

    /** Runs the cards' end-of-day steps for every date from {@code from} to {@code to}, as the job would. */
    void endOfDay(LocalDate from, LocalDate to) {
        List<EndOfDayStep> cardSteps = steps.stream().filter(step -> step.name().startsWith("card."))
                .sorted(java.util.Comparator.comparingInt(EndOfDayStep::order)).toList();
        assertThat(cardSteps).extracting(EndOfDayStep::name).containsExactly("card.interest", "card.statements");
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            for (EndOfDayStep step : cardSteps) {
                step.run(date);
            }
        }
    }

    /** Moves the test clock to noon of {@code date} in the bank's zone; the customer logs in again then. */
    void moveTo(LocalDate date) {
        ZonedDateTime noon = date.atTime(12, 0).atZone(BANK_ZONE);
        Duration ahead = Duration.between(clock.instant(), noon.toInstant());
        assertThat(ahead).isPositive();
        clock.advance(ahead);
        session = login(customer);
    }

    long interestRows(IssuedCard card) {
        return jdbc.sql("select count(*) from card_interest where card_id = ?").param(UUID.fromString(card.id()))
                .query(Long.class).single();
    }

    @Nested
    class Purchases {

        @Test
        void approvesWithinTheLimitAndDeclinesOverIt() {
            IssuedCard card = card("1000");

            Api.Response first = purchase(card, "600.00");
            Api.Response second = purchase(card, "400.01");

            assertThat(first.text("result")).isEqualTo("APPROVED");
            assertThat(first.text("authCode")).matches("[0-9]{6}");
            assertThat(second.text("result")).isEqualTo("DECLINED");
            assertThat(second.text("reason")).isEqualTo("INSUFFICIENT_CREDIT");
            Api.Response view = cardView(card);
            assertThat(view.body().path("balance").decimalValue()).isEqualByComparingTo("600");
            assertThat(view.body().path("available").decimalValue()).isEqualByComparingTo("400");
            assertThat(view.text("maskedPan")).isEqualTo("**** **** **** 4321");
            assertThat(purchase(card, "400.00").text("result")).as("exactly up to the limit").isEqualTo("APPROVED");
        }

        @Test
        void whatIsOwedOnTheCardIsALiabilityInMine() {
            IssuedCard card = card("1000");
            assertThat(purchase(card, "250.50").text("result")).isEqualTo("APPROVED");

            Api.Response mine = api.get("/api/v1/mine", session);

            assertThat(mine.status()).as(mine.body().toString()).isEqualTo(200);
            JsonNode line = null;
            for (JsonNode each : mine.body().path("lines")) {
                if ("CARD".equals(each.path("product").asText())) {
                    line = each;
                }
            }
            assertThat(line).as(mine.body().toString()).isNotNull();
            assertThat(line.path("kind").asText()).isEqualTo("LIABILITY");
            assertThat(line.path("balance").decimalValue()).isEqualByComparingTo("250.50");
            assertThat(line.path("reference").asText()).isEqualTo("**** **** **** 4321");
        }

        @Test
        void aRepeatedMessageAnswersTheFirstOutcomeAndBooksOnce() {
            IssuedCard card = card("1000");
            String body = purchaseBody("dup-" + UUID.randomUUID(), card.ref(), "250.00");

            Api.Response first = processor(body, sign(PROCESSOR_SECRET, body));
            Api.Response again = processor(body, sign(PROCESSOR_SECRET, body));

            assertThat(first.text("result")).isEqualTo("APPROVED");
            assertThat(first.body().path("replayed").asBoolean()).isFalse();
            assertThat(again.text("result")).isEqualTo("APPROVED");
            assertThat(again.text("authCode")).isEqualTo(first.text("authCode"));
            assertThat(again.body().path("replayed").asBoolean()).isTrue();
            assertThat(balance(card)).isEqualByComparingTo("250");
        }

        @Test
        void refusesADifferentMessageUnderAKnownTransactionId() {
            IssuedCard card = card("1000");
            String id = "dup-" + UUID.randomUUID();
            String body = purchaseBody(id, card.ref(), "250.00");
            String changed = purchaseBody(id, card.ref(), "950.00");
            processor(body, sign(PROCESSOR_SECRET, body));

            Api.Response refused = processor(changed, sign(PROCESSOR_SECRET, changed));

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("irc").asText()).isEqualTo("DUPLICATE");
            assertThat(balance(card)).isEqualByComparingTo("250");
        }

        @Test
        void refusesUnsignedAndWronglySignedMessages() {
            IssuedCard card = card("1000");
            String body = purchaseBody("T" + UUID.randomUUID().toString().replace("-", ""), card.ref(), "100.00");

            Api.Response unsigned = processor(body, null);
            Api.Response wrongKey = processor(body, sign("not-the-secret", body));
            Api.Response tampered = processor(body.replace("100.00", "900.00"), sign(PROCESSOR_SECRET, body));

            assertThat(List.of(unsigned.status(), wrongKey.status(), tampered.status())).containsOnly(401);
            assertThat(unsigned.body().path("irc").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(balance(card)).isEqualByComparingTo("0");
        }

        @Test
        void declinesAnUnknownCardAndRefusesAMalformedMessage() {
            String unknown = purchaseBody("T" + UUID.randomUUID().toString().replace("-", ""), "crd_unknowncard01",
                    "10.00");
            String malformed = purchaseBody("T1", "crd_unknowncard01", "10.001");

            assertThat(processor(unknown, sign(PROCESSOR_SECRET, unknown)).text("reason")).isEqualTo("UNKNOWN_CARD");
            Api.Response refused = processor(malformed, sign(PROCESSOR_SECRET, malformed));
            assertThat(refused.status()).isEqualTo(400);
        }
    }

    @Nested
    class StatementsAndInterest {

        @Test
        void theStatementHasTheBalanceAMinimumPaymentAndADueDate() {
            LocalDate statementDate = nextStatementDate();
            IssuedCard card = card("10000", statementDate);
            purchase(card, "2000.00");
            purchase(card, "500.00");

            endOfDay(today(), statementDate);

            Api.Response statements = api.get("/api/v1/cards/" + card.id() + "/statements", session);
            assertThat(statements.status()).isEqualTo(200);
            assertThat(statements.body()).hasSize(1);
            var statement = statements.body().get(0);
            assertThat(statement.path("statementDate").asText()).isEqualTo(statementDate.toString());
            assertThat(statement.path("balance").decimalValue()).isEqualByComparingTo("2500");
            assertThat(statement.path("minimumPayment").decimalValue()).isEqualByComparingTo("250");
            assertThat(statement.path("dueDate").asText()).isEqualTo(dueDate(statementDate).toString());
        }

        @Test
        void theMinimumPaymentIsAtLeastTheFloorButNeverMoreThanTheBalance() {
            LocalDate statementDate = nextStatementDate();
            IssuedCard small = card("10000", statementDate);
            IssuedCard tiny = card("10000", statementDate);
            purchase(small, "300.00");
            purchase(tiny, "60.00");

            endOfDay(today(), statementDate);

            assertThat(api.get("/api/v1/cards/" + small.id() + "/statements", session).body().get(0)
                    .path("minimumPayment").decimalValue()).isEqualByComparingTo("100");
            assertThat(api.get("/api/v1/cards/" + tiny.id() + "/statements", session).body().get(0)
                    .path("minimumPayment").decimalValue()).isEqualByComparingTo("60");
        }

        @Test
        void repayingInFullByTheDueDateCostsNoInterest() {
            LocalDate statementDate = nextStatementDate();
            IssuedCard card = card("10000", statementDate);
            purchase(card, "2000.00");
            endOfDay(today(), statementDate);
            LocalDate due = dueDate(statementDate);
            moveTo(due);

            Api.Response repaid = repay(card, "full-" + UUID.randomUUID(), customer.accountId(), "2000.00");
            endOfDay(statementDate.plusDays(1), due.plusDays(5));

            assertThat(repaid.status()).as(repaid.body().toString()).isEqualTo(201);
            assertThat(interestRows(card)).isZero();
            assertThat(balance(card)).isEqualByComparingTo("0");
            assertThat(api.get("/api/v1/cards/" + card.id() + "/statements", session).body().get(0)
                    .path("paidByDueDate").asBoolean()).isTrue();
        }

        @Test
        void theUnpaidBalanceBearsDailyInterestAfterTheDueDate() {
            LocalDate statementDate = nextStatementDate();
            IssuedCard card = card("10000", statementDate);
            purchase(card, "2000.00");
            endOfDay(today(), statementDate);
            LocalDate due = dueDate(statementDate);
            moveTo(statementDate.plusDays(1));
            assertThat(repay(card, "part-" + UUID.randomUUID(), customer.accountId(), "500.00").status())
                    .isEqualTo(201);

            endOfDay(statementDate.plusDays(1), due.plusDays(3));
            endOfDay(due.plusDays(1), due.plusDays(3));

            // 1,500.00 unpaid x 0.05 % a day = 0.75 a day, for the three days after the due date, booked once each
            assertThat(jdbc.sql("""
                    select business_date || ' ' || amount from card_interest where card_id = ? order by business_date
                    """).param(UUID.fromString(card.id())).query(String.class).list())
                    .containsExactly(due.plusDays(1) + " 75", due.plusDays(2) + " 75", due.plusDays(3) + " 75");
            assertThat(balance(card)).isEqualByComparingTo("1502.25");
            assertThat(api.get("/api/v1/cards/" + card.id() + "/statements", session).body().get(0)
                    .path("paidByDueDate").asBoolean()).isFalse();
        }

        @Test
        void theNextStatementIncludesTheInterest() {
            LocalDate statementDate = nextStatementDate();
            IssuedCard card = card("10000", statementDate);
            purchase(card, "1000.00");
            endOfDay(today(), statementDate);
            LocalDate next = statementDate.plusMonths(1);
            LocalDate due = dueDate(statementDate);

            endOfDay(statementDate.plusDays(1), next);

            long days = due.plusDays(1).datesUntil(next.plusDays(1)).count();
            var statements = api.get("/api/v1/cards/" + card.id() + "/statements", session).body();
            assertThat(statements).hasSize(2);
            // 1,000.00 x 0.05 % = 0.50 a day from the day after the due date to the next statement date
            assertThat(statements.get(0).path("balance").decimalValue())
                    .isEqualByComparingTo(new BigDecimal("1000").add(new BigDecimal("0.50").multiply(
                            BigDecimal.valueOf(days))));
        }
    }

    @Nested
    class Repayments {

        @Test
        void theSameKeyAnswersTheFirstRepaymentAndMovesMoneyOnce() {
            IssuedCard card = card("5000");
            purchase(card, "800.00");
            String key = "repay-" + UUID.randomUUID();

            Api.Response first = repay(card, key, customer.accountId(), "300.00");
            Api.Response again = repay(card, key, customer.accountId(), "300.00");
            Api.Response changed = repay(card, key, customer.accountId(), "301.00");

            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.text("id")).isEqualTo(first.text("id"));
            assertThat(again.body().path("replayed").asBoolean()).isTrue();
            assertThat(changed.status()).isEqualTo(409);
            assertThat(changed.irc()).isEqualTo("CONFLICT");
            assertThat(balance(card)).isEqualByComparingTo("500");
            assertThat(bank.available(customer.accountId())).isEqualTo(100_000_00 - 300_00);
        }

        @Test
        void refusesMissingKeysBadAmountsAndMoreThanIsOwed() {
            IssuedCard card = card("5000");
            purchase(card, "100.00");

            assertThat(repay(card, null, customer.accountId(), "50.00").irc()).isEqualTo("MISSING_FIELD");
            assertThat(repay(card, "k-" + UUID.randomUUID(), customer.accountId(), "-5.00").irc())
                    .isEqualTo("INVALID_AMOUNT");
            assertThat(repay(card, "k-" + UUID.randomUUID(), customer.accountId(), "5.001").irc())
                    .isEqualTo("INVALID_AMOUNT");
            Api.Response tooMuch = repay(card, "k-" + UUID.randomUUID(), customer.accountId(), "100.01");
            assertThat(tooMuch.status()).isEqualTo(422);
            assertThat(balance(card)).isEqualByComparingTo("100");
            assertThat(bank.available(customer.accountId())).isEqualTo(100_000_00);
        }

        @Test
        void refusesWhenTheAccountHasTooLittle() {
            TestBank.Customer poor = bank.customer(50_00);
            customer = poor;
            session = login(poor);
            IssuedCard card = card("5000");
            purchase(card, "100.00");

            Api.Response refused = repay(card, "k-" + UUID.randomUUID(), poor.accountId(), "100.00");

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("NOT_SUFFICIENT_FUNDS");
            assertThat(balance(card)).isEqualByComparingTo("100");
        }

        @Test
        void cannotRepayFromAnotherCustomersAccount() {
            IssuedCard card = card("5000");
            purchase(card, "100.00");
            TestBank.Customer other = bank.customer(10_000_00);

            Api.Response refused = repay(card, "k-" + UUID.randomUUID(), other.accountId(), "100.00");

            assertThat(refused.status()).isEqualTo(404);
            assertThat(bank.available(other.accountId())).isEqualTo(10_000_00);
            assertThat(balance(card)).isEqualByComparingTo("100");
        }
    }

    @Nested
    class LimitChanges {

        @Test
        void aDecreaseAppliesAtOnceButNeverBelowTheBalance() {
            IssuedCard card = card("5000");
            purchase(card, "1200.00");

            Api.Response tooLow = requestLimit(card, "1000", Map.of());
            Api.Response lower = requestLimit(card, "2000", Map.of());

            assertThat(tooLow.status()).isEqualTo(422);
            assertThat(lower.status()).as(lower.body().toString()).isEqualTo(201);
            assertThat(lower.text("status")).isEqualTo("APPLIED");
            assertThat(cardView(card).body().path("creditLimit").decimalValue()).isEqualByComparingTo("2000");
            assertThat(purchase(card, "800.01").text("result")).isEqualTo("DECLINED");
        }

        @Test
        void anIncreaseUpToTheCeilingAppliesAndAboveItWaitsForReview() {
            IssuedCard card = card("5000");

            Api.Response raised = requestLimitConfirmed(card, "8000");
            Api.Response large = requestLimitConfirmed(card, "80000");

            assertThat(raised.status()).as(raised.body().toString()).isEqualTo(201);
            assertThat(raised.text("status")).isEqualTo("APPLIED");
            assertThat(large.status()).as(large.body().toString()).isEqualTo(201);
            assertThat(large.text("status")).isEqualTo("PENDING_REVIEW");
            assertThat(cardView(card).body().path("creditLimit").decimalValue()).isEqualByComparingTo("8000");
            assertThat(api.get("/api/v1/cards/" + card.id() + "/limit-requests", session).body()
                    .findValuesAsText("status")).containsExactly("PENDING_REVIEW", "APPLIED");
        }

        @Test
        void theRiskEnginesRefusalChangesNothing() {
            IssuedCard card = card("5000");

            Api.Response refused = requestLimit(card, "6000", Map.of("emulator", true));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("RISK_DECLINED");
            assertThat(cardView(card).body().path("creditLimit").decimalValue()).isEqualByComparingTo("5000");
            assertThat(jdbc.sql("select count(*) from card_limit_requests where card_id = ?")
                    .param(UUID.fromString(card.id())).query(Integer.class).single()).isZero();
        }
    }

    @Nested
    class Ownership {

        @Test
        void anotherCustomersCardIsNotFound() {
            IssuedCard mine = card("5000");
            purchase(mine, "100.00");
            TestBank.Customer other = bank.customer(10_000_00);
            String otherSession = login(other);
            String path = "/api/v1/cards/" + mine.id();

            assertThat(api.get(path, otherSession).status()).isEqualTo(HttpStatus.NOT_FOUND.value());
            assertThat(api.get(path + "/statements", otherSession).status()).isEqualTo(404);
            assertThat(api.get(path + "/limit-requests", otherSession).status()).isEqualTo(404);
            HttpHeaders key = new HttpHeaders();
            key.set("Idempotency-Key", "k-" + UUID.randomUUID());
            assertThat(api.call(HttpMethod.POST, path + "/repayments", otherSession, Map.of("fromAccountId",
                    other.accountId(), "amount", new BigDecimal("50"), "currency", "CNY"), key).status())
                    .isEqualTo(404);
            assertThat(api.post(path + "/limit-requests", otherSession, Map.of("creditLimit", new BigDecimal("1"),
                    "currency", "CNY")).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/cards", otherSession).body()).isEmpty();
            assertThat(api.get("/api/v1/cards", session).body().findValuesAsText("id")).containsExactly(mine.id());
            assertThat(balance(mine)).isEqualByComparingTo("100");
            assertThat(bank.available(other.accountId())).isEqualTo(10_000_00);
        }

        @Test
        void theCardsAccountIsNoDepositAccount() {
            IssuedCard card = card("5000");
            purchase(card, "100.00");
            UUID cardAccount = jdbc.sql("select account_id from credit_cards where id = ?")
                    .param(UUID.fromString(card.id())).query(UUID.class).single();

            assertThat(api.get("/api/v1/accounts", session).body().findValuesAsText("id"))
                    .containsExactly(customer.accountId().toString());
            assertThat(api.get("/api/v1/accounts/" + cardAccount, session).status()).isEqualTo(404);
            assertThat(api.post("/api/v1/cardless/deposits", session, Map.of("accountId", cardAccount)).status())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/cardless/withdrawals", session, Map.of("accountId", cardAccount,
                    "amount", new BigDecimal("100"), "currency", "CNY")).status()).isEqualTo(404);
            assertThat(repay(card, "k-" + UUID.randomUUID(), cardAccount, "50.00").status()).isEqualTo(404);
            assertThat(balance(card)).isEqualByComparingTo("100");
        }

        @Test
        void theCardsNeedASessionAndIssuingNeedsAnOperator() {
            assertThat(api.get("/api/v1/cards", null).status()).isEqualTo(401);
            assertThat(api.post("/api/ops/v1/cards", session, Map.of("customerId", customer.id())).status())
                    .isEqualTo(401);
        }
    }
}
