package io.branchlink.channel.loan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.LedgerChecks;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.seal.BankSeal;
import io.branchlink.channel.seal.SealVerification;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.CreditBureauDouble;
import io.branchlink.channel.support.SmsGatewayDouble;
import io.branchlink.channel.support.TestBank;
import io.branchlink.prefill.seal.PdfSeal;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The credit line from signing to the last repayment: the contract always needs the second factor and comes back
 * sealed, two drawdowns with their own schedules, a month of end-of-day steps by moving the clock (interest accrued
 * day by day equals the scheduled interest collected on the due date), early repayment in part and in full, and an
 * instalment left unpaid (penalty and one reminder per overdue stage). The money invariants are checked after every
 * test, and on the way.
 */
class LoanLifecycleIntegrationTests extends ChannelIntegrationTest {

    private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");
    private static final UUID EQUITY = UUID.fromString("00000000-0000-0000-0000-00000000e002");

    @Autowired
    List<EndOfDayStep> steps;

    @Autowired
    BankSeal seal;

    @Autowired
    Ledger ledger;

    @Autowired
    LedgerChecks checks;

    @Test
    void signDrawTwiceAccrueAMonthCollectAndRepayEarly() throws IOException {
        TestBank.Customer customer = bank.customer(5_000_00);
        Line line = openLine(customer);

        Api.Response unsigned = draw(line, "1000.00", 6, "EQUAL_INSTALMENT", "draw-before-signing", null);
        assertThat(unsigned.status()).isEqualTo(422);
        assertThat(unsigned.irc()).isEqualTo("INVALID_TRANSACTION");
        assertThat(unsigned.text("detail")).contains("Sign the contract");

        // signing always asks for the second factor, whatever the risk engine thinks of it
        Api.Response first = api.post(path(line, "/signature"), line.session(), Map.of());
        assertThat(first.status()).isEqualTo(403);
        assertThat(first.irc()).isEqualTo("STEP_UP_REQUIRED");
        assertThat(first.body().path("stepUp").path("factors").toString()).contains("SOFT_OTP");
        Api.Response signed = line.confirmed(first, id -> api.post(path(line, "/signature"), line.session(),
                Map.of("stepUpId", id)));
        assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
        assertThat(signed.text("status")).isEqualTo("ACTIVE");
        assertThat(signed.body().path("available").decimalValue()).isEqualByComparingTo("200000.00");
        assertThat(api.post(path(line, "/signature"), line.session(), Map.of()).status()).isEqualTo(409);

        Api.Response contract = api.get(signed.text("contract"), line.session());
        assertThat(contract.status()).isEqualTo(200);
        assertThat(contract.headers().getContentType().toString()).isEqualTo("application/pdf");
        assertThat(PdfSeal.verify(contract.bytes())).singleElement()
                .satisfies(s -> assertThat(s.valid()).isTrue());
        // the bank's key, and the signing step-up's proof inside what the seal covers
        SealVerification verified = seal.verify(contract.bytes());
        assertThat(verified.verdict()).isEqualTo(SealVerification.Verdict.SEALED);
        assertThat(verified.consent()).containsEntry("kind", "STEP_UP").containsEntry("method", "SOFT_OTP")
                .containsKeys("stepUpId", "verifiedAt", "action", "requestSha256", "riskDecision");
        assertThat(verified.consent().get("requestSha256")).matches("[0-9a-f]{64}");
        try (PDDocument document = Loader.loadPDF(contract.bytes())) {
            assertThat(new PDFTextStripper().getText(document)).contains("个人信用贷款合同", line.reference(),
                    "200000.00 CNY", "7.20%", customer.fullName(),
                    "Consent (sealed): kind=STEP_UP stepUpId=" + verified.consent().get("stepUpId"));
        }

        LocalDate today = today();
        Api.Response drawn1 = draw(line, "12000.00", 6, "EQUAL_INSTALMENT", "draw-one-0001", null);
        assertThat(drawn1.status()).as(drawn1.body().toString()).isEqualTo(201);
        assertThat(drawn1.headers().getFirst("Idempotent-Replayed")).isEqualTo("false");
        List<LoanSchedule.Instalment> schedule1 = LoanSchedule.monthly(RepaymentMethod.EQUAL_INSTALMENT, 1_200_000,
                new BigDecimal("0.072"), today, 6);
        assertThat(drawn1.body().path("instalments")).hasSize(6);
        assertThat(minor(drawn1.body().path("instalments").get(0).path("interest")))
                .isEqualTo(schedule1.get(0).interest());
        UUID drawdown1 = UUID.fromString(drawn1.text("id"));

        Api.Response replayed = draw(line, "12000.00", 6, "EQUAL_INSTALMENT", "draw-one-0001", null);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.text("id")).isEqualTo(drawdown1.toString());
        Api.Response reused = draw(line, "12000.01", 6, "EQUAL_INSTALMENT", "draw-one-0001", null);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.irc()).isEqualTo("DUPLICATE");

        Api.Response drawn2 = draw(line, "3000.00", 3, "EQUAL_PRINCIPAL", "draw-two-0002", null);
        assertThat(drawn2.status()).as(drawn2.body().toString()).isEqualTo(201);
        UUID drawdown2 = UUID.fromString(drawn2.text("id"));
        assertThat(bank.balance(customer.accountId())).as("both drawdowns paid in, the replay not")
                .isEqualTo(5_000_00 + 12_000_00 + 3_000_00);
        assertThat(loan(line).path("available").decimalValue()).isEqualByComparingTo("185000.00");

        assertThat(draw(line, "185000.01", 12, "EQUAL_INSTALMENT", "draw-too-much", null).irc())
                .isEqualTo("EXCEEDS_LIMIT");
        assertThat(draw(line, "-5.00", 12, "EQUAL_INSTALMENT", "draw-negative", null).irc())
                .isEqualTo("INVALID_AMOUNT");
        assertThat(draw(line, "100.001", 12, "EQUAL_INSTALMENT", "draw-over-scale", null).irc())
                .isEqualTo("INVALID_AMOUNT");
        assertThat(draw(line, "500.00", 5, "EQUAL_INSTALMENT", "draw-odd-term", null).irc()).isEqualTo("FORMAT_ERROR");
        Api.Response noKey = api.post(path(line, "/drawdowns"), line.session(), Map.of(
                "amount", new BigDecimal("100.00"),
                "currency", "CNY", "termMonths", 3, "method", "EQUAL_PRINCIPAL"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.irc()).isEqualTo("MISSING_FIELD");
        assertThat(bank.balance(customer.accountId())).isEqualTo(20_000_00);

        // a month of business dates, each with the end-of-day steps, up to the first due date
        LocalDate due1 = today.plusMonths(1);
        endOfDayThrough(today, due1);
        JsonNode afterMonth = loan(line);
        JsonNode first1 = drawdown(afterMonth, drawdown1).path("instalments").get(0);
        JsonNode first2 = drawdown(afterMonth, drawdown2).path("instalments").get(0);
        assertThat(first1.path("status").asText()).isEqualTo("PAID");
        assertThat(minor(first1.path("interestPaid"))).as("accrued day by day = the period's scheduled interest")
                .isEqualTo(schedule1.get(0).interest());
        assertThat(minor(first1.path("principalPaid"))).isEqualTo(schedule1.get(0).principal());
        assertThat(first2.path("status").asText()).isEqualTo("PAID");
        assertThat(minor(first2.path("principalPaid"))).isEqualTo(1_000_00);
        long collected = schedule1.get(0).total() + 1_000_00 + minor(first2.path("interestPaid"));
        assertThat(bank.balance(customer.accountId())).isEqualTo(20_000_00 - collected);
        Figures month = figures(line);
        assertThat(month.interestAccrued()).isEqualTo(month.interestPaid())
                .isEqualTo(schedule1.get(0).interest() + minor(first2.path("interestPaid")));
        assertThat(checks.violations()).isEmpty();

        // exactly once per date: the same date again books and collects nothing
        long balance = bank.balance(customer.accountId());
        endOfDay(due1);
        assertThat(figures(line)).isEqualTo(month);
        assertThat(bank.balance(customer.accountId())).isEqualTo(balance);

        // ten days later: repay 2,000.00 of the first drawdown, then all of the second
        endOfDayThrough(due1, due1.plusDays(9));
        clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(today(), due1.plusDays(10))));
        Line later = line.loggedInAgain();
        long accruedNineDays = LoanSchedule.interest(schedule1.get(0).outstandingAfter(), new BigDecimal("0.072"), 9);
        Map<String, Object> partBody = Map.of("drawdownId", drawdown1, "amount", new BigDecimal("2000.00"),
                "currency", "CNY");
        Api.Response part = repay(later, partBody, "repay-part-001");
        assertThat(part.status()).as(part.body().toString()).isEqualTo(201);
        assertThat(minor(part.body().path("interest"))).isEqualTo(accruedNineDays);
        assertThat(minor(part.body().path("principal"))).isEqualTo(2_000_00 - accruedNineDays);
        assertThat(repay(later, partBody, "repay-part-001").headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        JsonNode afterPart = drawdown(loan(later), drawdown1);
        long outstanding1 = schedule1.get(0).outstandingAfter() - (2_000_00 - accruedNineDays);
        assertThat(minor(afterPart.path("outstanding"))).isEqualTo(outstanding1);
        long rescheduled = 0;
        for (JsonNode instalment : afterPart.path("instalments")) {
            rescheduled += minor(instalment.path("principal")) - minor(instalment.path("principalPaid"));
        }
        assertThat(rescheduled).as("the rest of the schedule re-amortised over the same dates").isEqualTo(outstanding1);

        Api.Response full = repay(later, Map.of("drawdownId", drawdown2, "full", true), "repay-full-002");
        assertThat(full.status()).as(full.body().toString()).isEqualTo(201);
        assertThat(minor(full.body().path("principal"))).isEqualTo(2_000_00);
        JsonNode afterFull = loan(later);
        assertThat(drawdown(afterFull, drawdown2).path("status").asText()).isEqualTo("REPAID");
        assertThat(minor(afterFull.path("outstanding"))).isEqualTo(outstanding1);
        assertThat(minor(afterFull.path("available"))).as("revolving: repaid principal can be drawn again")
                .isEqualTo(200_000_00 - outstanding1);
        assertThat(repay(later, Map.of("drawdownId", drawdown2, "full", true), "repay-full-003").status())
                .isEqualTo(409);
        assertThat(checks.violations()).isEmpty();
    }

    @Test
    void anUnpaidInstalmentBearsPenaltyAndRemindsOncePerStageUntilCollected() {
        TestBank.Customer customer = bank.customer(100_00);
        Line line = openLine(customer);
        sign(line);
        LocalDate today = today();
        Api.Response drawn = draw(line, "30000.00", 3, "EQUAL_PRINCIPAL", "draw-overdue-01", null);
        assertThat(drawn.status()).as(drawn.body().toString()).isEqualTo(201);
        UUID drawdownId = UUID.fromString(drawn.text("id"));
        // the customer spends everything, so nothing can be collected on the due date
        ledger.post("TEST", "spent", "CNY", List.of(Posting.debit(customer.accountId(), 30_100_00),
                Posting.credit(EQUITY, 30_100_00)));

        LocalDate due = today.plusMonths(1);
        endOfDayThrough(today, due);
        JsonNode onDueDate = drawdown(loan(line), drawdownId).path("instalments").get(0);
        assertThat(onDueDate.path("status").asText()).isEqualTo("DUE");
        assertThat(reminders(customer)).isEmpty();

        endOfDay(due.plusDays(1));
        // one day's penalty on 10,000.00 overdue at 7.2 % × 0.5: 1,000,000 × 0.036 / 365 = 98.6 → 0.99
        long dailyPenalty = LoanSchedule.interest(1_000_000, new BigDecimal("0.036"), 1);
        assertThat(dailyPenalty).isEqualTo(99);
        JsonNode overdue = drawdown(loan(line), drawdownId);
        assertThat(overdue.path("instalments").get(0).path("status").asText()).isEqualTo("OVERDUE");
        assertThat(minor(overdue.path("penaltyAccrued"))).isEqualTo(dailyPenalty);
        assertThat(reminders(customer)).singleElement().satisfies(text -> assertThat(text)
                .contains(line.reference(), "1 day overdue", "penalty"));

        endOfDay(due.plusDays(1));
        assertThat(reminders(customer)).as("a stage is reminded once").hasSize(1);
        assertThat(minor(drawdown(loan(line), drawdownId).path("penaltyAccrued"))).isEqualTo(dailyPenalty);

        endOfDayThrough(due.plusDays(1), due.plusDays(7));
        assertThat(reminders(customer)).hasSize(2);
        assertThat(reminders(customer).get(1)).contains("7 days overdue");
        assertThat(minor(drawdown(loan(line), drawdownId).path("penaltyAccrued"))).isEqualTo(7 * dailyPenalty);
        assertThat(checks.violations()).isEmpty();

        ledger.post("TEST", "salary", "CNY", List.of(Posting.debit(EQUITY, 20_000_00),
                Posting.credit(customer.accountId(), 20_000_00)));
        endOfDay(due.plusDays(8));
        JsonNode collected = drawdown(loan(line), drawdownId);
        JsonNode instalment = collected.path("instalments").get(0);
        assertThat(instalment.path("status").asText()).isEqualTo("PAID");
        assertThat(minor(instalment.path("penaltyPaid"))).isEqualTo(8 * dailyPenalty);
        assertThat(minor(collected.path("penaltyAccrued"))).as("nothing left to collect").isZero();
        Figures figures = figures(line);
        assertThat(figures.penaltyAccrued()).isEqualTo(figures.penaltyPaid()).isEqualTo(8 * dailyPenalty);
        assertThat(reminders(customer)).hasSize(2);
    }

    @Test
    void concurrentDrawdownsNeverPassTheLimitAndOneKeyDrawsOnce() throws Exception {
        TestBank.Customer customer = bank.customer(0);
        Line line = openLine(customer);
        sign(line);
        // a small line, so that amounts below the night rule's 5,000 can reach it
        jdbc.sql("update loans set limit_amount = 600000 where reference = ?").param(line.reference()).update();

        List<Api.Response> different = together(() -> draw(line, "4000.00", 3, "EQUAL_PRINCIPAL", "race-key-a", null),
                () -> draw(line, "4000.00", 3, "EQUAL_PRINCIPAL", "race-key-b", null));
        assertThat(different).extracting(Api.Response::status).containsExactlyInAnyOrder(201, 422);
        assertThat(different).extracting(Api.Response::irc).contains("EXCEEDS_LIMIT");

        List<Api.Response> same = together(() -> draw(line, "1500.00", 3, "EQUAL_PRINCIPAL", "race-key-c", null),
                () -> draw(line, "1500.00", 3, "EQUAL_PRINCIPAL", "race-key-c", null));
        assertThat(same).extracting(Api.Response::status).containsOnly(201);
        assertThat(same.get(0).text("id")).isEqualTo(same.get(1).text("id"));
        assertThat(same).extracting(r -> r.headers().getFirst("Idempotent-Replayed"))
                .containsExactlyInAnyOrder("true", "false");

        assertThat(bank.balance(customer.accountId())).isEqualTo(4_000_00 + 1_500_00);
        assertThat(jdbc.sql("select count(*) from loan_drawdowns d join loans l on l.id = d.loan_id"
                + " where l.reference = ?").param(line.reference()).query(Integer.class).single()).isEqualTo(2);
        assertThat(checks.violations()).isEmpty();
    }

    /** Sends both requests at the same moment, from two threads, and returns both answers. */
    @SafeVarargs
    private static List<Api.Response> together(Callable<Api.Response>... calls)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (Callable<Api.Response> call : calls) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anotherCustomerSeesAndMovesNothingOfTheLine() {
        TestBank.Customer customer = bank.customer(1_000_00);
        Line line = openLine(customer);
        sign(line);
        Api.Response drawn = draw(line, "1000.00", 3, "EQUAL_PRINCIPAL", "draw-owner-0001", null);
        assertThat(drawn.status()).isEqualTo(201);

        TestBank.Customer other = bank.customer(1_000_00);
        String session = login(other);
        assertThat(api.get(path(line, ""), session).status()).isEqualTo(404);
        assertThat(api.get(path(line, "/contract"), session).status()).isEqualTo(404);
        assertThat(api.post(path(line, "/signature"), session, Map.of()).status()).isEqualTo(404);
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", "other-customer-1");
        assertThat(api.call(HttpMethod.POST, path(line, "/drawdowns"), session, Map.of(
                "amount", new BigDecimal("100.00"),
                "currency", "CNY", "termMonths", 3, "method", "EQUAL_PRINCIPAL"), headers).status()).isEqualTo(404);
        assertThat(api.call(HttpMethod.POST, path(line, "/repayments"), session, Map.of("drawdownId",
                drawn.text("id"), "full", true), headers).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/loans", session).body()).isEmpty();
        assertThat(bank.balance(customer.accountId())).isEqualTo(2_000_00);
        JsonNode otherMine = api.get("/api/v1/mine", session).body();
        otherMine.path("lines").forEach(each -> assertThat(each.path("product").asText()).isNotEqualTo("LOAN"));

        // the owner's "Mine" lists what is owed on the line, at its rate, with the first instalment's due date
        JsonNode ownersLine = null;
        for (JsonNode each : api.get("/api/v1/mine", line.session()).body().path("lines")) {
            if ("LOAN".equals(each.path("product").asText())) {
                ownersLine = each;
            }
        }
        assertThat(ownersLine).isNotNull();
        assertThat(ownersLine.path("kind").asText()).isEqualTo("LIABILITY");
        assertThat(ownersLine.path("reference").asText()).isEqualTo(line.reference());
        assertThat(ownersLine.path("balance").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(ownersLine.path("rate").decimalValue()).isEqualByComparingTo("7.2");
        assertThat(ownersLine.path("dueDate").asText())
                .isEqualTo(drawn.body().path("instalments").get(0).path("dueDate").asText());
    }

    @Test
    void theInvariantsNoticeBooksThatDisagreeWithTheLoans() {
        TestBank.Customer customer = bank.customer(1_000_00);
        Line line = openLine(customer);
        sign(line);
        assertThat(draw(line, "1000.00", 3, "EQUAL_PRINCIPAL", "draw-invariant-1", null).status()).isEqualTo(201);
        assertThat(checks.violations()).isEmpty();

        jdbc.sql("update loans set interest_accrued = interest_accrued + 1 where reference = ?")
                .param(line.reference()).update();
        try {
            assertThat(checks.violations()).anySatisfy(v -> assertThat(v).contains("loan " + line.reference(),
                    "accrued interest"))
                    .anySatisfy(v -> assertThat(v).startsWith("loan interest income"));
        } finally {
            jdbc.sql("update loans set interest_accrued = interest_accrued - 1 where reference = ?")
                    .param(line.reference()).update();
        }
        assertThat(checks.violations()).isEmpty();
    }

    /** A customer's OFFERED line, applied for from a phone enrolled for soft OTP. */
    private Line openLine(TestBank.Customer customer) {
        CreditBureauDouble.cleanReport(customer.idNumber());
        String session = login(customer);
        Line partial = new Line(customer, session, bank.enrolOtp(customer), null, null);
        Api.Response applied = partial.confirmed(api.post("/api/v1/loans/applications", session,
                Map.of("accountId", customer.accountId())), id -> api.post("/api/v1/loans/applications", session,
                Map.of("accountId", customer.accountId(), "stepUpId", id)));
        assertThat(applied.status()).as(applied.body().toString()).isEqualTo(201);
        JsonNode loan = applied.body().path("loan");
        return new Line(customer, session, partial.otpSecret(), UUID.fromString(loan.path("id").asText()),
                loan.path("reference").asText());
    }

    private void sign(Line line) {
        Api.Response signed = line.confirmed(api.post(path(line, "/signature"), line.session(), Map.of()),
                id -> api.post(path(line, "/signature"), line.session(), Map.of("stepUpId", id)));
        assertThat(signed.status()).as(signed.body().toString()).isEqualTo(200);
    }

    /** Draws, passing a step-up when the risk engine asks for one, with the same key and body again. */
    private Api.Response draw(Line line, String amount, int months, String method, String key, String stepUpId) {
        Map<String, Object> body = new HashMap<>(Map.of("amount", new BigDecimal(amount), "currency", "CNY",
                "termMonths", months, "method", method));
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", key);
        Api.Response first = api.call(HttpMethod.POST, path(line, "/drawdowns"), line.session(), body, headers);
        return line.confirmed(first, id -> {
            body.put("stepUpId", id);
            return api.call(HttpMethod.POST, path(line, "/drawdowns"), line.session(), body, headers);
        });
    }

    private Api.Response repay(Line line, Map<String, Object> body, String key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", key);
        return api.call(HttpMethod.POST, path(line, "/repayments"), line.session(), body, headers);
    }

    private JsonNode loan(Line line) {
        Api.Response loan = api.get(path(line, ""), line.session());
        assertThat(loan.status()).isEqualTo(200);
        return loan.body();
    }

    private static JsonNode drawdown(JsonNode loan, UUID drawdownId) {
        for (JsonNode drawdown : loan.path("drawdowns")) {
            if (drawdown.path("id").asText().equals(drawdownId.toString())) {
                return drawdown;
            }
        }
        throw new AssertionError("no drawdown " + drawdownId);
    }

    private Figures figures(Line line) {
        return jdbc.sql("""
                select interest_accrued, interest_paid, penalty_accrued, penalty_paid, outstanding from loans
                 where reference = ?""").param(line.reference()).query(Figures.class).single();
    }

    private List<String> reminders(TestBank.Customer customer) {
        return SmsGatewayDouble.messagesTo(customer.phone()).stream().map(m -> m.path("text").asText())
                .filter(text -> text.contains("overdue")).toList();
    }

    /** Runs the loan's end-of-day steps for every business date after {@code from} up to {@code through}. */
    private void endOfDayThrough(LocalDate from, LocalDate through) {
        for (LocalDate date = from.plusDays(1); !date.isAfter(through); date = date.plusDays(1)) {
            endOfDay(date);
        }
    }

    private void endOfDay(LocalDate date) {
        step("loan.accrue").run(date);
        step("loan.collect").run(date);
    }

    private EndOfDayStep step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(BANK_ZONE));
    }

    private static String path(Line line, String rest) {
        return "/api/v1/loans/" + line.id() + rest;
    }

    private static long minor(JsonNode decimal) {
        return decimal.decimalValue().movePointRight(2).longValueExact();
    }

    private record Figures(long interestAccrued, long interestPaid, long penaltyAccrued, long penaltyPaid,
            long outstanding) {
    }

    /** A customer's line and the phone that uses it: its session and soft-OTP secret. */
    private final class Line {

        private final TestBank.Customer customer;
        private final String session;
        private final String otpSecret;
        private final UUID id;
        private final String reference;

        Line(TestBank.Customer customer, String session, String otpSecret, UUID id, String reference) {
            this.customer = customer;
            this.session = session;
            this.otpSecret = otpSecret;
            this.id = id;
            this.reference = reference;
        }

        String session() {
            return session;
        }

        /** The same line from a new session, after the clock moved past the old one's expiry. */
        Line loggedInAgain() {
            return new Line(customer, login(customer), otpSecret, id, reference);
        }

        String otpSecret() {
            return otpSecret;
        }

        UUID id() {
            return id;
        }

        String reference() {
            return reference;
        }

        /** The answer, or, when it asks for a step-up, the answer to the retry after passing it with a fresh code. */
        Api.Response confirmed(Api.Response answer, Function<String, Api.Response> retry) {
            if (!"STEP_UP_REQUIRED".equals(answer.irc())) {
                return answer;
            }
            clock.advance(Duration.ofSeconds(30));
            return retry.apply(passStepUpWithOtp(session, answer, otpSecret, 0));
        }
    }
}
