package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.branchlink.channel.demo.BankSetup;
import io.branchlink.demo.Branch;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.testsupport.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large-cash booking through the real pages in a real browser: alice books 50,000.00 CNY from her savings for
 * tomorrow on the phone app page (the amount is held); the demo bank's clock moves to that day; she shows the
 * booking's code to teller terminal TLR00101; teller T0042's console shows the booking with the ID checks
 * highlighted, one click pays it out, the app sees it paid; the books still balance.
 */
class CashBookingPagesIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final String SAVINGS = "6222020000000002";
    private static final LocatorAssertions.IsVisibleOptions VISIBLE_SOON = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(15_000);
    private static final LocatorAssertions.HasAttributeOptions ATTRIBUTE_SOON =
            new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
    private static final LocatorAssertions.ContainsTextOptions TEXT_SOON =
            new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);

    @Test
    void aliceBooksInTheAppAndIsPaidOutAtTheConsoleWithOneClick(@TempDir Path workDir) throws Exception {
        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir));
                DemoWebServer web = DemoWebServer.start(branch, 0);
                HeadlessChromium chromium = HeadlessChromium.launch();
                BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844));
                BrowserContext counter = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setHttpCredentials(Branch.TELLER_ID, Branch.TELLER_PASSWORD).setViewportSize(1100, 900))) {
            UUID savings = branch.channelApiContext().getBean(BankSetup.class).accountId(SAVINGS).orElseThrow();
            SimulatedApp alice = branch.phone("alice-phone");
            alice.login("alice", "alice-demo-pass");
            assertThat(alice.account(savings).balance()).isEqualTo(Money.parse("50000.00", "CNY"));

            Page app = phone.newPage();
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();
            assertThat(app.locator("#cash-booking-card h2")).hasText("Large cash · 大额取现预约");
            Locator account = app.locator("#cash-booking-account");
            assertThat(account.locator("option")).not().hasCount(0);
            account.selectOption(savings.toString());
            app.locator("#cash-booking-amount").fill("50000");
            app.locator("#cash-booking-denomination").selectOption("CNY100");
            app.getByText("Set up authenticator").click();
            assertThat(app.locator("#security-status")).hasText("Authenticator set up.");
            String otpSecret = app.locator("#otp-secret").textContent();
            app.locator("#cash-booking-button").click();
            passStepUpIfAsked(app, otpSecret);

            assertThat(app.locator("#cash-booking-status")).containsText("Booked 50,000.00 CNY", TEXT_SOON);
            Locator booked = app.locator("#cash-bookings li[data-status=BOOKED]");
            assertThat(booked).hasCount(1);
            String bookingId = booked.getAttribute("data-booking-id");
            assertThat(alice.account(savings).available()).isEqualTo(Money.parse("0.00", "CNY"));
            assertThat(alice.account(savings).balance()).isEqualTo(Money.parse("50000.00", "CNY"));

            // the booked day: the demo bank's clock moves on a day, and sessions of 15 minutes end with the old one
            advanceClockOneDay(branch.channelApiUrl());
            alice.login("alice", "alice-demo-pass");
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();
            assertThat(booked).hasCount(1);

            Page console = counter.newPage();
            console.navigate(branch.tellerConsoleUrl().toString());
            assertThat(console.locator("#session")).containsText(Branch.TELLER_ID);

            booked.locator(".cash-booking-code").click();
            assertThat(app.locator("#cash-booking-code-card")).isVisible(VISIBLE_SOON);
            app.waitForFunction("() => document.getElementById('cash-booking-qr').naturalWidth > 0");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-cash-booking-code.png"))
                    .setFullPage(true));
            app.locator("#cash-booking-show").click();
            assertThat(app.locator("#cash-booking-status")).containsText("Shown to the teller");

            assertThat(console.locator("#form")).isVisible(VISIBLE_SOON);
            assertThat(console.locator("#form")).hasAttribute("data-draft-id", bookingId);
            assertThat(console.locator("#form-title")).containsText("大额取现");
            assertThat(console.locator("#customer")).containsText("王芳");
            assertThat(console.locator("tr[data-field=customerName]")).hasClass("id-check");
            assertThat(console.locator("tr[data-field=idNumber]")).hasClass("id-check");
            assertThat(console.locator("tr[data-field=amount]")).not().hasClass("id-check");
            assertThat(console.locator("tr[data-field=amount]")).containsText("50000.00 CNY");
            console.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-cash-booking.png"))
                    .setFullPage(true));

            console.locator("#confirm").click();

            assertThat(console.locator("#outcome")).hasAttribute("data-outcome", "EXECUTED", ATTRIBUTE_SOON);
            assertThat(console.locator("#voucher")).isVisible();
            assertThat(app.locator("#cash-booking-status")).containsText("Paid out: 50,000.00 CNY", TEXT_SOON);
            assertThat(app.locator("#cash-bookings li[data-status=PAID]")).hasCount(1);
            SimulatedApp.CashBooking paid = alice.cashBooking(bookingId);
            assertThat(paid.status()).isEqualTo("PAID");
            assertThat(alice.account(savings).balance()).isEqualTo(Money.parse("0.00", "CNY"));
            await().atMost(Duration.ofSeconds(10)).until(() -> branch.counter().printer().documents().stream()
                    .anyMatch(d -> d.reference().equals(paid.voucherReference())));
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }

    /**
     * Between 00:00 and 05:59 in the bank's zone the risk engine asks for a second factor for any large amount (rule
     * {@code night-large-amount}); alice then passes it with her authenticator's code, so the test does not depend on
     * the hour it runs at.
     */
    private static void passStepUpIfAsked(Page app, String otpSecret) {
        app.waitForFunction("() => !document.getElementById('step-up-card').hidden"
                + " || document.getElementById('cash-booking-status').textContent.includes('Booked')", null,
                new Page.WaitForFunctionOptions().setTimeout(15_000));
        if (app.locator("#step-up-card").isVisible()) {
            app.locator("#step-up-code").fill(AuthenticatorApp.code(otpSecret, Instant.now()));
            app.locator("#step-up-code-button").click();
            assertThat(app.locator("#step-up-card")).isHidden();
        }
    }

    private static void advanceClockOneDay(URI channelApi) throws Exception {
        String basic = Base64.getEncoder().encodeToString((Branch.OPERATOR_ID + ":" + Branch.OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        channelApi.resolve("/api/ops/v1/clock/advance?days=1"))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
