package io.branchlink.sim.app;

import static io.branchlink.sim.app.ChannelApiStub.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The app's loan repayments and loans list, transfer orders, card statements and limit requests, and one payee,
 * against a JDK HTTP server answering as channel-api's controllers do: an Idempotency-Key answers its first result
 * again with Idempotent-Replayed: true, and another body under the same key is 409.
 */
class SimulatedAppPaymentsTests {

    static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID CARD = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

    final ObjectMapper json = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Each request as "METHOD path key body". */
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Idempotency-Key to the body first sent with it. */
    final Map<String, String> keys = new HashMap<>();
    String orderStatus = "ACTIVE";
    ChannelApiStub server;
    SimulatedApp app;

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/", this::answer);
        app = server.app("phone-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Nested
    class Loans {

        @Test
        void repaysPartOfADrawdownUnderTheGivenKey() {
            SimulatedApp.LoanRepayment repayment = app.repayLoan("l-1", "d-1", Money.parse("1000.00", "CNY"),
                    "repay-0001");

            assertThat(requests).containsExactly("POST /api/v1/loans/l-1/repayments repay-0001 "
                    + "{\"drawdownId\":\"d-1\",\"amount\":1000.00,\"currency\":\"CNY\"}");
            assertThat(repayment.kind()).isEqualTo("EARLY");
            assertThat(repayment.principal()).isEqualTo(Money.parse("987.66", "CNY"));
            assertThat(repayment.interest()).isEqualTo(Money.parse("12.34", "CNY"));
            assertThat(repayment.total()).isEqualTo(Money.parse("1000.00", "CNY"));
            assertThat(repayment.businessDate()).isEqualTo(LocalDate.of(2026, 12, 7));
            assertThat(repayment.replayed()).isFalse();
        }

        @Test
        void sendingTheSameRepaymentAgainAnswersTheFirstOne() {
            SimulatedApp.LoanRepayment first = app.repayLoanInFull("l-1", "d-1", "repay-0002");
            SimulatedApp.LoanRepayment again = app.repayLoanInFull("l-1", "d-1", "repay-0002");

            String body = "{\"drawdownId\":\"d-1\",\"full\":true}";
            assertThat(requests).extracting(r -> r.split(" ", 4)[3]).containsExactly(body, body);
            assertThat(first.replayed()).isFalse();
            assertThat(again.replayed()).isTrue();
            assertThat(again.id()).isEqualTo(first.id());
        }

        @Test
        void anotherRepaymentUnderAUsedKeyIsRefused() {
            app.repayLoan("l-1", "d-1", Money.parse("1000.00", "CNY"), "repay-0003");

            assertThatThrownBy(() -> app.repayLoan("l-1", "d-1", Money.parse("2000.00", "CNY"), "repay-0003"))
                    .isInstanceOfSatisfying(AppException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.irc()).isEqualTo("DUPLICATE");
                    });
        }

        @Test
        void listsTheLinesAndADrawdownsOfOne() {
            assertThat(app.loans()).singleElement().satisfies(loan -> {
                assertThat(loan.status()).isEqualTo("ACTIVE");
                assertThat(loan.outstanding()).isEqualTo(Money.parse("5000.00", "CNY"));
            });
            assertThat(app.loanDrawdowns("l-1")).singleElement().satisfies(d -> {
                assertThat(d.id()).isEqualTo("d-1");
                assertThat(d.amount()).isEqualTo(Money.parse("6000.00", "CNY"));
                assertThat(d.instalments()).isEqualTo(2);
            });
        }
    }

    @Nested
    class TransferOrders {

        @Test
        void schedulesAStandingOrderToAPayeeUnderAFreshKey() {
            SimulatedApp.TransferOrder order = app.scheduleTransferToPayee(ACCOUNT, "p-1",
                    Money.parse("300.00", "CNY"), "rent", "MONTHLY", LocalDate.of(2026, 12, 31), null);

            assertThat(requests).singleElement().satisfies(r -> {
                String[] parts = r.split(" ", 4);
                assertThat(parts[1]).isEqualTo("/api/v1/transfer-orders");
                assertThat(parts[2]).hasSizeGreaterThanOrEqualTo(8);
                assertThat(parts[3]).contains("\"payeeId\":\"p-1\"", "\"frequency\":\"MONTHLY\"",
                        "\"startDate\":\"2026-12-31\"").doesNotContain("endDate", "toAccountId");
            });
            assertThat(order.frequency()).isEqualTo("MONTHLY");
            assertThat(order.nextDate()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(order.amount()).isEqualTo(Money.parse("300.00", "CNY"));
        }

        @Test
        void eachOrderHasItsOwnKey() {
            UUID savings = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
            app.scheduleTransferToOwnAccount(ACCOUNT, savings, Money.parse("300.00", "CNY"), "ONCE",
                    LocalDate.of(2027, 1, 5), null);
            app.scheduleTransferToOwnAccount(ACCOUNT, savings, Money.parse("300.00", "CNY"), "ONCE",
                    LocalDate.of(2027, 1, 5), null);

            assertThat(requests).extracting(r -> r.split(" ")[2]).doesNotHaveDuplicates().hasSize(2);
            assertThat(requests.get(0)).contains("\"toAccountId\":\"" + savings + "\"");
        }

        @Test
        void readsOrdersWithTheirExecutionsAndCancelsOnce() {
            assertThat(app.transferOrders()).singleElement().satisfies(order -> {
                assertThat(order.status()).isEqualTo("ACTIVE");
                assertThat(order.executions()).extracting(SimulatedApp.OrderExecution::status)
                        .containsExactly("EXECUTED", "FAILED");
                assertThat(order.executions().get(1).reason()).isEqualTo("NOT_SUFFICIENT_FUNDS");
            });
            assertThat(app.transferOrder("o-1").payeeId()).isEqualTo("p-1");

            assertThat(app.cancelTransferOrder("o-1").status()).isEqualTo("CANCELLED");
            assertThatThrownBy(() -> app.cancelTransferOrder("o-1"))
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(409));
            assertThatThrownBy(() -> app.transferOrder("o-2"))
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Nested
    class CardsAndPayees {

        @Test
        void readsStatementsInTheCardsCurrency() {
            assertThat(app.cardStatements(CARD)).singleElement().satisfies(s -> {
                assertThat(s.balance()).isEqualTo(Money.parse("1500.00", "CNY"));
                assertThat(s.minimumPayment()).isEqualTo(Money.parse("150.00", "CNY"));
                assertThat(s.dueDate()).isEqualTo(LocalDate.of(2026, 12, 25));
                assertThat(s.paidByDueDate()).isFalse();
            });
        }

        @Test
        void readsLimitRequests() {
            assertThat(app.cardLimitRequests(CARD)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo("PENDING_REVIEW");
                assertThat(r.requestedLimit()).isEqualTo(Money.parse("50000.00", "CNY"));
            });
        }

        @Test
        void readsOnePayee() {
            assertThat(app.payee("p-1").name()).isEqualTo("Zhao Lei");
            assertThatThrownBy(() -> app.payee("p-2"))
                    .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (method.equals("POST")) {
            requests.add(method + " " + path + " " + key + " " + body);
        }
        boolean replayed = false;
        if (key != null) {
            String first = keys.putIfAbsent(key, body);
            if (first != null && !first.equals(body)) {
                reply(exchange, 409, "{\"status\": 409, \"irc\": \"DUPLICATE\", \"detail\": \"Key used.\"}");
                return;
            }
            replayed = first != null;
        }
        exchange.getResponseHeaders().set("Idempotent-Replayed", Boolean.toString(replayed));
        switch (method + " " + path) {
            case "POST /api/v1/loans/l-1/repayments" -> {
                JsonNode request = json.readTree(body);
                boolean full = request.path("full").asBoolean();
                reply(exchange, 201, """
                        {"id": "r-%s", "drawdownId": "d-1", "kind": "EARLY", "businessDate": "2026-12-07",
                         "principal": %s, "interest": 12.34, "penalty": 0.00, "total": %s, "currency": "CNY"}"""
                        .formatted(key, full ? "5987.66" : "987.66", full ? "6000.00" : "1000.00"));
            }
            case "GET /api/v1/loans" -> reply(exchange, 200, "[" + loan("[]") + "]");
            case "GET /api/v1/loans/l-1" -> reply(exchange, 200, loan("""
                    [{"id": "d-1", "number": 1, "amount": 6000.00, "method": "EQUAL_INSTALMENT", "termMonths": 2,
                      "drawnOn": "2026-11-07", "outstanding": 5000.00, "status": "OPEN",
                      "instalments": [{"number": 1}, {"number": 2}]}]"""));
            case "POST /api/v1/transfer-orders" -> {
                JsonNode request = json.readTree(body);
                reply(exchange, 201, """
                        {"id": "o-%s", "frequency": "%s", "fromAccountId": "%s", "payeeId": %s, "amount": %s,
                         "currency": "CNY", "startDate": "%s", "status": "ACTIVE", "nextDate": "%6$s",
                         "executions": []}""".formatted(key, request.path("frequency").asText(),
                        request.path("fromAccountId").asText(), request.path("payeeId").isMissingNode() ? "null"
                                : "\"" + request.path("payeeId").asText() + "\"",
                        request.path("amount").asText(), request.path("startDate").asText()));
            }
            case "GET /api/v1/transfer-orders" -> reply(exchange, 200, "[" + order() + "]");
            case "GET /api/v1/transfer-orders/o-1" -> reply(exchange, 200, order());
            case "DELETE /api/v1/transfer-orders/o-1" -> {
                if (!orderStatus.equals("ACTIVE")) {
                    reply(exchange, 409, "{\"status\": 409, \"irc\": \"CONFLICT\", \"detail\": \"Not active.\"}");
                    return;
                }
                orderStatus = "CANCELLED";
                reply(exchange, 200, order());
            }
            case "GET /api/v1/cards/" + "00000000-0000-0000-0000-0000000000c1" -> reply(exchange, 200, """
                    {"id": "%s", "maskedPan": "************0013", "creditLimit": 20000.00, "balance": 1500.00,
                     "available": 18500.00, "currency": "CNY", "statementDay": 5, "dueDay": 25,
                     "status": "ACTIVE"}""".formatted(CARD));
            case "GET /api/v1/cards/00000000-0000-0000-0000-0000000000c1/statements" -> reply(exchange, 200, """
                    [{"statementDate": "2026-12-05", "balance": 1500.00, "minimumPayment": 150.00,
                      "dueDate": "2026-12-25", "repaid": 0.00, "paidByDueDate": false}]""");
            case "GET /api/v1/cards/00000000-0000-0000-0000-0000000000c1/limit-requests" -> reply(exchange, 200, """
                    [{"id": "lr-1", "currentLimit": 20000.00, "requestedLimit": 50000.00, "status": "PENDING_REVIEW",
                      "createdAt": "2026-12-07T10:00:00Z"}]""");
            case "GET /api/v1/payees/p-1" -> reply(exchange, 200, """
                    {"id": "p-1", "kind": "INTRA", "accountNumber": "6217000000000000013", "name": "Zhao Lei",
                     "trusted": true, "registeredAtCounter": false}""");
            default -> reply(exchange, 404, "{\"status\": 404, \"irc\": \"NOT_FOUND\", \"detail\": \"Not found.\"}");
        }
    }

    private static String loan(String drawdowns) {
        return """
                {"id": "l-1", "reference": "L-2026-0001", "status": "ACTIVE", "limit": 50000.00,
                 "available": 44000.00, "outstanding": 5000.00, "currency": "CNY", "annualRate": 7.30,
                 "drawdowns": %s}""".formatted(drawdowns);
    }

    private String order() {
        return """
                {"id": "o-1", "frequency": "MONTHLY", "fromAccountId": "%s", "payeeId": "p-1", "amount": 300.00,
                 "currency": "CNY", "memo": "rent", "startDate": "2026-11-01", "status": "%s",
                 "nextDate": %s, "createdAt": "2026-10-30T10:00:00Z",
                 "executions": [{"businessDate": "2026-11-01", "status": "EXECUTED", "transferId": "t-1"},
                                {"businessDate": "2026-12-01", "status": "FAILED",
                                 "reason": "NOT_SUFFICIENT_FUNDS"}]}""".formatted(ACCOUNT, orderStatus,
                orderStatus.equals("ACTIVE") ? "\"2027-01-01\"" : "null");
    }
}
