package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.branchlink.demo.Branch;
import io.branchlink.demo.DemoCustomers;
import io.branchlink.sim.app.FormSamples;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Staging on arrival through the real pages in a real browser: alice has submitted a password reset without choosing
 * a branch; on the app page she taps "I'm at the branch" with the phone's position (granted to the page by the
 * browser) inside BR001's radius; the form is staged there and a ticket is shown; teller T0042's console lists the
 * ticket in its queue, "Call next" calls it and opens alice's staged form.
 */
class ArrivalPagesIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final LocatorAssertions.IsVisibleOptions VISIBLE_SOON = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(15_000);
    private static final LocatorAssertions.HasAttributeOptions ATTRIBUTE_SOON =
            new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);

    @Test
    void aliceArrivesByLocationAndTheTellerCallsHerTicketWithHerFormReady(@TempDir Path workDir) throws Exception {
        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir));
                DemoWebServer web = DemoWebServer.start(branch, 0);
                HeadlessChromium chromium = HeadlessChromium.launch();
                BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844).setGeolocation(31.2400, 121.4998)
                        .setPermissions(List.of("geolocation")));
                BrowserContext counter = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setHttpCredentials(Branch.TELLER_ID, Branch.TELLER_PASSWORD).setViewportSize(1100, 900))) {
            SimulatedApp alice = branch.phone("alice-phone");
            alice.login("alice", "alice-demo-pass");
            SimulatedApp.Draft draft = alice.createDraft("PASSWORD_RESET",
                    new FormSamples(Clock.systemDefaultZone(), 7L).sample("PASSWORD_RESET", DemoCustomers.ALICE));
            assertThat(alice.submit(draft.id(), null).status()).isEqualTo("SUBMITTED");

            Page app = phone.newPage();
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();
            assertThat(app.locator("#arrival-card")).isVisible(VISIBLE_SOON);
            app.locator("#arrival-here").click();

            Locator ticket = app.locator("#arrival-ticket-number");
            assertThat(ticket).hasAttribute("data-number", java.util.regex.Pattern.compile("[0-9]+"),
                    ATTRIBUTE_SOON);
            String label = String.format("%03d", Integer.parseInt(ticket.getAttribute("data-number")));
            assertThat(ticket).containsText(label);
            assertThat(app.locator("#arrival-status")).containsText("1 form staged now");
            SimulatedApp.Draft staged = alice.draft(draft.id());
            assertThat(staged.status()).isEqualTo("STAGED");
            assertThat(staged.branchId()).isEqualTo(Branch.BRANCH_ID);
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-arrival.png"))
                    .setFullPage(true));

            Page console = counter.newPage();
            console.navigate(branch.tellerConsoleUrl().toString());
            Locator row = console.locator("#tickets tr[data-ticket='" + label + "']");
            assertThat(row).isVisible(VISIBLE_SOON);
            assertThat(row).hasAttribute("data-status", "WAITING");
            assertThat(row.locator(".forms")).hasText("1");

            console.locator("#call-next").click();

            assertThat(console.locator("#called")).hasAttribute("data-ticket", label, ATTRIBUTE_SOON);
            assertThat(console.locator("#form")).isVisible(VISIBLE_SOON);
            assertThat(console.locator("#form")).hasAttribute("data-draft-id", draft.id());
            assertThat(console.locator("#confirm")).isEnabled();
            assertThat(row).hasAttribute("data-status", "CALLED", ATTRIBUTE_SOON);
            console.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-queue.png"))
                    .setFullPage(true));

            console.locator("#queue-done").click();
            assertThat(row).hasAttribute("data-status", "DONE", ATTRIBUTE_SOON);
            assertThat(console.locator("#queue-summary")).containsText("service: 1");
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
