package io.branchlink.it.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.demo.Branch;
import io.branchlink.demo.TellerConsole;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A large-cash booking through the whole branch: the customer books in the app (the amount is held), comes on the
 * booked day and holds the phone up to teller terminal TLR00101's scanner; teller T0042's console shows the booking;
 * one click pays it out (the customer's account debited, the branch's counter cash credited), the voucher is printed
 * at the counter and found in the app. A booking shown on another day is refused and pays nothing. The money
 * invariants, the bookings' among them, are checked after every test.
 */
class LargeCashBookingIntegrationTests extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final ZoneId BANK_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Money AMOUNT = Money.parse("60000", "CNY");

    private TellerConsole console;

    @BeforeEach
    void theTellerTerminalIsConnected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> branch.counter().terminal().isConnected());
        console = new TellerConsole(branch.hubUrl(), Branch.TELLER_ID, Branch.TELLER_PASSWORD);
    }

    @Test
    void aBookingMadeInTheAppIsPaidOutAtTheCounterOnItsDayWithOneClick() {
        Customer customer = bookingCustomer();
        SimulatedApp.CashBooking booking = customer.app().bookCash(customer.accountId(), AMOUNT, tomorrow(),
                Branch.BRANCH_ID, "CNY100");
        assertThat(booking.status()).isEqualTo("BOOKED");
        assertThat(customer.available()).isEqualTo(Money.parse("40000", "CNY"));
        onTheBookedDay(booking);

        branch.counter().camera().present(customer.app().cashBookingCodeShownOnScreen(booking.id()));
        TellerConsole.View shown = console.awaitForm(booking.id(), PATIENCE);
        assertThat(shown.type()).isEqualTo("LARGE_CASH_PAYOUT");
        assertThat(shown.idCheckFields()).contains("customerName");

        TellerConsole.Decision paid = console.confirm(booking.id(), shown.confirmationId());
        TellerConsole.Decision again = console.confirm(booking.id(), shown.confirmationId());

        assertThat(paid.outcome()).as(paid.message()).isEqualTo("EXECUTED");
        assertThat(again.json()).isEqualTo(paid.json());
        String reference = paid.voucherReference().orElseThrow();
        assertThat(customer.balance()).isEqualTo(Money.parse("40000", "CNY"));
        assertThat(customer.available()).isEqualTo(Money.parse("40000", "CNY"));
        SimulatedApp.CashBooking done = customer.app().cashBooking(booking.id());
        assertThat(done.status()).isEqualTo("PAID");
        assertThat(done.voucherReference()).isEqualTo(reference);
        assertThat(jdbc().sql("select count(*) from journal_entries where reference = ?")
                .param("cash-booking " + booking.id()).query(Integer.class).single()).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> branch.counter().printer().documents().stream()
                .anyMatch(d -> d.reference().equals(reference)));
        assertThat(customer.app().vouchers()).extracting(SimulatedApp.Voucher::reference).contains(reference);
        assertThat(text(customer.app().voucherPdf(reference))).contains(reference, "Large cash withdrawal",
                "60000.00", Branch.TELLER_ID, Branch.BRANCH_ID);
    }

    @Test
    void aBookingShownBeforeItsDayIsRefusedAndPaysNothing() {
        Customer customer = bookingCustomer();
        SimulatedApp.CashBooking booking = customer.app().bookCash(customer.accountId(), AMOUNT, tomorrow(),
                Branch.BRANCH_ID, "MIXED");
        long before = console.current().version();

        branch.counter().camera().present(customer.app().cashBookingCodeShownOnScreen(booking.id()));
        TellerConsole.View[] view = new TellerConsole.View[1];
        await().atMost(PATIENCE).until(() -> (view[0] = console.current()).version() > before
                && "REFUSED".equals(view[0].state()));

        assertThat(view[0].code()).isEqualTo("BOOKING_WRONG_DAY");
        assertThat(view[0].messageEn()).contains(tomorrow().toString());
        assertThat(customer.balance()).isEqualTo(Money.parse("100000", "CNY"));
        assertThat(customer.app().cashBooking(booking.id()).status()).isEqualTo("BOOKED");
        customer.app().cancelCashBooking(booking.id());
        assertThat(customer.available()).isEqualTo(Money.parse("100000", "CNY"));
    }

    /**
     * A customer whose phone has a passkey: between 00:00 and 05:59 in the bank's zone the risk engine asks for a
     * second factor for any large amount (rule {@code night-large-amount}), and the app passes it with the passkey,
     * so the test does not depend on the hour it runs at.
     */
    private Customer bookingCustomer() {
        Customer customer = customer("100000");
        customer.app().registerPasskey(Branch.APP_ORIGIN);
        return customer;
    }

    /**
     * The booked day arrives. The shared branch's clock cannot be moved a day on without changing the other
     * end-to-end tests' day, so the booking is moved to today instead: channel-api's checks compare it with the same
     * today either way.
     */
    private void onTheBookedDay(SimulatedApp.CashBooking booking) {
        jdbc().sql("update cash_bookings set withdrawal_date = withdrawal_date - 1 where id = ?::uuid")
                .param(booking.id()).update();
    }

    private static LocalDate tomorrow() {
        return LocalDate.now(BANK_ZONE).plusDays(1);
    }

    private JdbcClient jdbc() {
        return branch.channelApiContext().getBean(JdbcClient.class);
    }

    private static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
