package io.branchlink.channel.cashbooking;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.hubapi.HubApiPaths;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A booking at the counter, as the branch hub asks: the scanned code resolved to the booking, the teller's one click
 * paying it out exactly once (hold captured into the branch's cash GL account, voucher archived), and every refusal
 * (another branch, another day, cancelled, released, paid, forged) moving no money; the hub's cash orders.
 */
class CashBookingCounterIntegrationTests extends ChannelIntegrationTest {

    static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");

    TestBank.Branch branch;
    TestBank.Customer customer;
    String session;
    String hub;

    @BeforeEach
    void booked() {
        inDaytime();
        branch = bank.branch();
        customer = bank.customer(200_000_00);
        session = login(customer);
        hub = Api.basic(branch.hubId(), branch.hubSecret());
    }

    @Nested
    class OnTheDay {

        @Test
        void theScanShowsTheBookingAndOneClickPaysItOutOnceWithAVoucher() throws IOException {
            String id = book(today().plusDays(1));
            String code = codeOnTheDay(id);

            Api.Response scanned = api.post(HubApiPaths.CASH_BOOKING_SCANS, hub, Map.of("code", code));
            assertThat(scanned.status()).isEqualTo(200);
            assertThat(scanned.text("outcome")).isEqualTo("READY");
            assertThat(scanned.text("bookingId")).isEqualTo(id);
            assertThat(scanned.text("customerName")).isEqualTo(customer.fullName());
            assertThat(scanned.text("amount")).isEqualTo("60000.00");
            assertThat(scanned.text("denomination")).isEqualTo("CNY100");

            String confirmation = UUID.randomUUID().toString();
            Api.Response paid = pay(id, confirmation);
            Api.Response again = pay(id, confirmation);

            assertThat(paid.status()).isEqualTo(200);
            assertThat(paid.text("outcome")).isEqualTo("PAID");
            assertThat(again.body()).isEqualTo(paid.body());
            assertThat(bank.balance(customer.accountId())).isEqualTo(140_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);
            assertThat(jdbc.sql("select balance from accounts where account_number = ?")
                    .param("CASH-BRANCH-" + branch.id()).query(Long.class).single()).isEqualTo(-60_000_00L);
            assertThat(jdbc.sql("select count(*) from journal_entries where reference = ?").param("cash-booking " + id)
                    .query(Integer.class).single()).isEqualTo(1);

            String reference = paid.text("voucherReference");
            Api.Response voucher = api.get("/api/hub/v1/vouchers/" + reference, hub);
            assertThat(voucher.status()).isEqualTo(200);
            try (PDDocument pdf = Loader.loadPDF(voucher.bytes())) {
                assertThat(new PDFTextStripper().getText(pdf)).contains(reference, "Large cash withdrawal",
                        "60000.00", customer.fullName());
            }
            assertThat(api.get("/api/v1/cash-bookings/" + id, session).text("status")).isEqualTo("PAID");

            Api.Response rescanned = api.post(HubApiPaths.CASH_BOOKING_SCANS, hub, Map.of("code", code));
            assertThat(rescanned.text("outcome")).isEqualTo("REFUSED");
            assertThat(rescanned.text("refusal")).isEqualTo("ALREADY_PAID");
            Api.Response secondClick = pay(id, UUID.randomUUID().toString());
            assertThat(secondClick.text("refusal")).isEqualTo("ALREADY_PAID");
            assertThat(bank.balance(customer.accountId())).isEqualTo(140_000_00);
        }

        @Test
        void twoConcurrentClicksWithOneConfirmationPayOnceAndGetTheSameAnswer() throws Exception {
            String id = book(today().plusDays(1));
            codeOnTheDay(id);
            String confirmation = UUID.randomUUID().toString();
            ExecutorService clicks = Executors.newFixedThreadPool(2);
            try {
                List<Future<Api.Response>> answers = clicks.invokeAll(List.<Callable<Api.Response>>of(
                        () -> pay(id, confirmation), () -> pay(id, confirmation)));

                for (Future<Api.Response> answer : answers) {
                    assertThat(answer.get().text("outcome")).as(answer.get().body().toString()).isEqualTo("PAID");
                }
                assertThat(answers.get(0).get().body()).isEqualTo(answers.get(1).get().body());
            } finally {
                clicks.shutdown();
            }
            assertThat(jdbc.sql("select count(*) from journal_entries where reference = ?").param("cash-booking " + id)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(bank.balance(customer.accountId())).isEqualTo(140_000_00);
        }

        @Test
        void anotherBranchIsRefusedWithoutMoney() {
            String id = book(today().plusDays(1));
            String code = codeOnTheDay(id);
            TestBank.Branch other = bank.branch();
            String otherHub = Api.basic(other.hubId(), other.hubSecret());

            Api.Response scanned = api.post(HubApiPaths.CASH_BOOKING_SCANS, otherHub, Map.of("code", code));
            Api.Response paid = api.post(HubApiPaths.CASH_BOOKING_PAYOUTS, otherHub, Map.of("bookingId", id,
                    "confirmationId", UUID.randomUUID().toString(), "tellerId", "T001", "terminalId", other.teller()));

            assertThat(scanned.text("refusal")).isEqualTo("WRONG_BRANCH");
            assertThat(scanned.text("message")).contains(branch.id());
            assertThat(scanned.text("customerName")).isNull();
            assertThat(paid.text("refusal")).isEqualTo("WRONG_BRANCH");
            assertThat(bank.available(customer.accountId())).isEqualTo(140_000_00);
            assertThat(bank.balance(customer.accountId())).isEqualTo(200_000_00);
        }

        @Test
        void aForgedOrForeignCodeIsRefused() {
            assertThat(api.post(HubApiPaths.CASH_BOOKING_SCANS, hub, Map.of("code", "hello")).text("refusal"))
                    .isEqualTo("NOT_A_BOOKING");
            Api.Response cardless = stageWithdrawal(session, customer, "300", branch.id());
            assertThat(api.post(HubApiPaths.CASH_BOOKING_SCANS, hub, Map.of("code", cardless.text("token")))
                    .text("refusal")).isEqualTo("NOT_A_BOOKING");
            assertThat(api.post(HubApiPaths.CASH_BOOKING_SCANS, null, Map.of("code", "hello")).status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class NotOnTheDay {

        @Test
        void theDayBeforeIsRefused() {
            String id = book(today().plusDays(2));
            clock.advance(Duration.ofDays(1));
            String code = code(id, login(customer));

            Api.Response scanned = api.post(HubApiPaths.CASH_BOOKING_SCANS, hub, Map.of("code", code));
            Api.Response paid = pay(id, UUID.randomUUID().toString());

            assertThat(scanned.text("refusal")).isEqualTo("WRONG_DAY");
            assertThat(scanned.text("message")).contains(today().plusDays(1).toString());
            assertThat(paid.text("refusal")).isEqualTo("WRONG_DAY");
            assertThat(bank.balance(customer.accountId())).isEqualTo(200_000_00);
        }

        @Test
        void aCancelledBookingIsRefused() {
            String id = book(today().plusDays(1));
            String code = code(id, session);
            api.delete("/api/v1/cash-bookings/" + id, session);
            clock.advance(Duration.ofDays(1));

            assertThat(api.post(HubApiPaths.CASH_BOOKING_SCANS, hub, Map.of("code", code)).text("refusal"))
                    .isIn("CANCELLED", "CODE_EXPIRED");
            assertThat(pay(id, UUID.randomUUID().toString()).text("refusal")).isEqualTo("CANCELLED");
            assertThat(bank.balance(customer.accountId())).isEqualTo(200_000_00);
            assertThat(bank.available(customer.accountId())).isEqualTo(200_000_00);
        }

        @Test
        void anExpiredCodeIsRefused() {
            String id = book(today().plusDays(1));
            String code = codeOnTheDay(id);
            clock.advance(Duration.ofMinutes(10));

            assertThat(api.post(HubApiPaths.CASH_BOOKING_SCANS, hub, Map.of("code", code)).text("refusal"))
                    .isEqualTo("CODE_EXPIRED");
        }
    }

    @Test
    void theHubSeesItsOwnBranchsCashOrders() {
        LocalDate day = today().plusDays(4);
        book(day);
        TestBank.Branch other = bank.branch();

        Api.Response own = api.get(HubApiPaths.CASH_ORDERS + "?from=" + today() + "&to=" + day, hub);
        Api.Response others = api.get(HubApiPaths.CASH_ORDERS + "?from=" + today() + "&to=" + day,
                Api.basic(other.hubId(), other.hubSecret()));

        assertThat(own.body()).hasSize(1);
        assertThat(own.body().get(0).path("branchId").asText()).isEqualTo(branch.id());
        assertThat(own.body().get(0).path("openAmount").decimalValue()).isEqualByComparingTo("60000");
        assertThat(others.body()).isEmpty();
    }

    private String book(LocalDate day) {
        Api.Response booked = api.post("/api/v1/cash-bookings", session, Map.of("account", customer.accountId(),
                "amount", new BigDecimal("60000"), "date", day.toString(), "branchId", branch.id(),
                "requestId", UUID.randomUUID().toString()));
        assertThat(booked.status()).as(booked.body().toString()).isEqualTo(201);
        return booked.text("id");
    }

    /** Moves to the booked day (tomorrow) and takes the code the app shows then. */
    private String codeOnTheDay(String id) {
        clock.advance(Duration.ofDays(1));
        session = login(customer);
        return code(id, session);
    }

    private String code(String id, String session) {
        Api.Response code = api.get("/api/v1/cash-bookings/" + id + "/code", session);
        assertThat(code.status()).isEqualTo(200);
        return code.text("code");
    }

    private Api.Response pay(String id, String confirmation) {
        return api.post(HubApiPaths.CASH_BOOKING_PAYOUTS, hub, Map.of("bookingId", id, "confirmationId",
                confirmation, "tellerId", "T001", "terminalId", branch.teller()));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(BANK_ZONE));
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
