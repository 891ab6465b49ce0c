package io.branchlink.channel.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.TestBank;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Scheduled and standing transfers, paid by the end-of-day step {@code transfer.scheduled}: called here directly for
 * a business date, as the end-of-day job calls it, or for the date the moved test clock has reached.
 */
class ScheduledTransferIntegrationTests extends TransferTestSupport {

    private static final ZoneId BANK = ZoneId.of("Asia/Shanghai");

    @Autowired
    List<EndOfDayStep> steps;

    TestBank.Customer payer;
    TestBank.Customer other;
    String session;
    String payee;
    LocalDate today;

    @BeforeEach
    void customers() {
        payer = bank.customer(2_000_00);
        other = bank.customer(0);
        session = login(payer);
        payee = payeeAt(session, other);
        today = LocalDate.now(clock.withZone(BANK));
    }

    @Nested
    class OneOff {

        @Test
        void paysOnItsDateOnlyAndOnceHoweverOftenTheDateRuns() {
            String order = order(Map.of("frequency", "ONCE", "startDate", today.plusDays(3).toString()), "300");

            step().run(today.plusDays(2));
            assertThat(bank.balance(other.accountId())).isZero();
            step().run(today.plusDays(3));
            step().run(today.plusDays(3));

            assertThat(bank.balance(payer.accountId())).isEqualTo(1_700_00);
            assertThat(bank.balance(other.accountId())).isEqualTo(300_00);
            JsonNode view = api.get("/api/v1/transfer-orders/" + order, session).body();
            assertThat(view.path("status").asText()).isEqualTo("FINISHED");
            assertThat(view.path("executions")).hasSize(1);
            assertThat(view.path("executions").get(0).path("status").asText()).isEqualTo("EXECUTED");
            String transfer = view.path("executions").get(0).path("transferId").asText();
            assertThat(api.get("/api/v1/transfers/" + transfer, session).text("state")).isEqualTo("COMPLETED");
        }

        @Test
        void insufficientFundsFailsThatExecutionWithTheReasonAndIsNotTriedAgain() {
            String order = order(Map.of("frequency", "ONCE", "startDate", today.plusDays(1).toString()), "300");
            TestBank.Customer third = bank.customer(0);
            Map<String, Object> drain = body(payer.accountId(), "payeeId", payeeAt(session, third), "900");
            assertThat(transfer(session, key(), drain).status()).isEqualTo(201);
            assertThat(transfer(session, key(), drain).status()).isEqualTo(201);

            step().run(today.plusDays(1));
            step().run(today.plusDays(1));

            assertThat(bank.balance(payer.accountId())).isEqualTo(200_00);
            assertThat(bank.balance(other.accountId())).isZero();
            JsonNode execution = api.get("/api/v1/transfer-orders/" + order, session).body().path("executions");
            assertThat(execution).hasSize(1);
            assertThat(execution.get(0).path("status").asText()).isEqualTo("FAILED");
            assertThat(execution.get(0).path("reason").asText()).isEqualTo(
                    "The available balance is lower than 300.00 CNY.");
            assertThat(execution.get(0).path("transferId").isNull()).isTrue();
        }

        @Test
        void aDateThatIsNotInTheFutureIsRefused() {
            Api.Response refused = orderResponse(Map.of("frequency", "ONCE", "startDate", today.toString()), "300",
                    key());

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(refused.text("detail")).contains("after today");
        }
    }

    @Nested
    class Standing {

        @Test
        void aMonthlyOrderPaysOnItsDayEachMonthUntilItsEndDate() {
            LocalDate start = today.plusDays(1);
            String order = order(Map.of("frequency", "MONTHLY", "startDate", start.toString(),
                    "endDate", start.plusMonths(2).toString()), "100");

            for (LocalDate date = start; !date.isAfter(start.plusMonths(3)); date = date.plusDays(1)) {
                step().run(date);
            }

            assertThat(bank.balance(other.accountId())).isEqualTo(300_00);
            JsonNode view = api.get("/api/v1/transfer-orders/" + order, session).body();
            assertThat(view.path("executions").findValuesAsText("businessDate")).containsExactly(
                    start.plusMonths(2).toString(), start.plusMonths(1).toString(), start.toString());
            assertThat(view.path("status").asText()).isEqualTo("FINISHED");
        }

        @Test
        void aWeeklyOrderPaysWhenTheClockReachesEachWeekAndStopsWhenCancelled() {
            String order = order(Map.of("frequency", "WEEKLY", "startDate", today.plusDays(7).toString()), "100");

            clock.advance(Duration.ofDays(7));
            step().run(LocalDate.now(clock.withZone(BANK)));
            clock.advance(Duration.ofDays(7));
            step().run(LocalDate.now(clock.withZone(BANK)));
            assertThat(bank.balance(other.accountId())).isEqualTo(200_00);

            session = login(payer);
            Api.Response cancelled = api.delete("/api/v1/transfer-orders/" + order, session);
            Api.Response again = api.delete("/api/v1/transfer-orders/" + order, session);
            clock.advance(Duration.ofDays(7));
            step().run(LocalDate.now(clock.withZone(BANK)));

            assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
            assertThat(again.status()).isEqualTo(409);
            assertThat(bank.balance(other.accountId())).isEqualTo(200_00);
        }
    }

    @Nested
    class Requests {

        @Test
        void theSameKeyAnswersTheSameOrderAndAnotherRequestUnderItIsAConflict() {
            String key = key();
            Map<String, Object> schedule = Map.of("frequency", "ONCE", "startDate", today.plusDays(2).toString());

            Api.Response first = orderResponse(schedule, "100", key);
            Api.Response again = orderResponse(schedule, "100", key);
            Api.Response other = orderResponse(schedule, "200", key);

            assertThat(again.text("id")).isEqualTo(first.text("id"));
            assertThat(again.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
            assertThat(other.status()).isEqualTo(409);
            assertThat(jdbc.sql("select count(*) from transfer_orders where customer_id = ?").param(payer.id())
                    .query(Integer.class).single()).isEqualTo(1);
        }

        @Test
        void anotherCustomersOrderIsNotFoundAndCannotBeCancelled() {
            String order = order(Map.of("frequency", "ONCE", "startDate", today.plusDays(2).toString()), "100");
            String otherSession = login(other);

            assertThat(api.get("/api/v1/transfer-orders/" + order, otherSession).status()).isEqualTo(404);
            assertThat(api.delete("/api/v1/transfer-orders/" + order, otherSession).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/transfer-orders/" + order, session).text("status")).isEqualTo("ACTIVE");
        }

        @Test
        void aPayeeRemovedBeforeTheDateFailsTheExecution() {
            String order = order(Map.of("frequency", "ONCE", "startDate", today.plusDays(1).toString()), "100");
            api.delete("/api/v1/payees/" + payee, session);

            step().run(today.plusDays(1));

            JsonNode execution = api.get("/api/v1/transfer-orders/" + order, session).body().path("executions");
            assertThat(execution.get(0).path("status").asText()).isEqualTo("FAILED");
            assertThat(execution.get(0).path("reason").asText()).isEqualTo("Payee not found");
            assertThat(bank.balance(payer.accountId())).isEqualTo(2_000_00);
        }
    }

    private EndOfDayStep step() {
        return steps.stream().filter(step -> step.name().equals("transfer.scheduled")).findFirst().orElseThrow();
    }

    private String order(Map<String, Object> schedule, String amount) {
        Api.Response made = orderResponse(schedule, amount, key());
        assertThat(made.status()).as(made.body().toString()).isEqualTo(201);
        return made.text("id");
    }

    private Api.Response orderResponse(Map<String, Object> schedule, String amount, String key) {
        Map<String, Object> body = new HashMap<>(body(payer.accountId(), "payeeId", payee, amount));
        body.putAll(schedule);
        HttpHeaders headers = new HttpHeaders();
        headers.add("Idempotency-Key", key);
        return api.call(HttpMethod.POST, "/api/v1/transfer-orders", session, body, headers);
    }

    static UUID id(String text) {
        return UUID.fromString(text);
    }
}
