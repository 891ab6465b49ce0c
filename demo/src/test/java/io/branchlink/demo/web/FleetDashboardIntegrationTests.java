package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.branchlink.agent.service.ServiceControlled.ServiceStatus;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.channel.demo.BankSetup;
import io.branchlink.demo.Branch;
import io.branchlink.demo.Itm;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet dashboard in a real browser (Debian's Chromium driven by Playwright), signed in as the demo operator: a
 * dispenser jam during alice's withdrawal at ITM00101 appears on the open page without a reload, the operator takes
 * the ITM out of service with its button, and the ITM then refuses the next customer with its out-of-service
 * screen.
 */
class FleetDashboardIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final String ITM = "ITM00101";
    private static final LocatorAssertions.HasAttributeOptions ATTRIBUTE_SOON =
            new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
    private static final LocatorAssertions.ContainsTextOptions TEXT_SOON =
            new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);

    @Test
    void aJamShowsLiveAndTheOperatorTakesTheItmOutOfService(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);
        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch();
                BrowserContext operator = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setHttpCredentials(Branch.OPERATOR_ID, Branch.OPERATOR_PASSWORD)
                        .setViewportSize(1280, 900))) {
            Itm itm = branch.itm(ITM);
            Page dashboard = operator.newPage();
            dashboard.navigate(branch.fleetDashboardUrl().toString());
            assertThat(dashboard.locator("#session")).containsText(Branch.OPERATOR_ID);
            Locator card = dashboard.locator("#device-" + ITM);
            assertThat(card).hasAttribute("data-status", "IN_SERVICE", ATTRIBUTE_SOON);
            assertThat(card).hasAttribute("data-faulted", "false");
            assertThat(card.locator(".cassette")).hasCount(2);
            assertThat(dashboard.locator("#live")).hasAttribute("data-live", "true", ATTRIBUTE_SOON);
            dashboard.evaluate("() => window.fleetPageLoadedOnce = true");

            SimulatedApp alice = branch.phone("alice-phone");
            alice.login("alice", "alice-demo-pass");
            UUID account = branch.channelApiContext().getBean(BankSetup.class).accountId("6222020000000001")
                    .orElseThrow();
            itm.dispenser().jamAfterNotes(1);
            SimulatedApp.Staged staged = alice.stageWithdrawal(account, Money.parse("300", "CNY"), Branch.BRANCH_ID);
            itm.camera().present(alice.qrShownOnScreen(staged));
            TransactionOutcome jammed = itm.agent().runWithdrawal();
            assertThat(jammed.result()).isNotEqualTo(TransactionOutcome.Result.COMPLETED);

            assertThat(card).hasAttribute("data-faulted", "true", ATTRIBUTE_SOON);
            assertThat(card.locator(".faults")).containsText("E-PICK-JAM");
            assertThat(card.locator(".faults")).containsText("CASH_DISPENSER");
            assertThat(dashboard.evaluate("() => window.fleetPageLoadedOnce === true"))
                    .as("the fault arrived without a reload").isEqualTo(true);
            dashboard.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("fleet-jam.png"))
                    .setFullPage(true));

            card.locator("button[data-action=history]").click();
            assertThat(dashboard.locator("#history-rows tr").first()).containsText("E-PICK-JAM");
            dashboard.locator("#history button[type=submit]").click();

            card.locator("button[data-action=out-of-service]").click();

            await().atMost(Duration.ofSeconds(15)).until(() -> itm.agent().status() == ServiceStatus.OUT_OF_SERVICE);
            assertThat(card).hasAttribute("data-status", "OUT_OF_SERVICE", ATTRIBUTE_SOON);
            assertThat(dashboard.locator("#audit li").first()).containsText("put-out-of-service", TEXT_SOON);
            assertThat(dashboard.locator("#audit li").first()).containsText(Branch.OPERATOR_ID);

            Page itmPage = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(1000, 720));
            itmPage.navigate(web.itmUrl(ITM).toString());
            assertThat(itmPage.locator("#screen")).hasAttribute("data-screen-id", "OUT_OF_SERVICE", ATTRIBUTE_SOON);

            SimulatedApp.Staged next = alice.stageWithdrawal(account, Money.parse("100", "CNY"), Branch.BRANCH_ID);
            itm.camera().present(alice.qrShownOnScreen(next));
            TransactionOutcome refused = itm.agent().runWithdrawal();
            assertThat(refused.result()).isEqualTo(TransactionOutcome.Result.REJECTED);
            assertThat(itm.screen().current().screenId()).isEqualTo("OUT_OF_SERVICE");
            assertThat(itmPage.locator("#screen")).hasAttribute("data-screen-id", "OUT_OF_SERVICE");
            dashboard.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("fleet-out-of-service.png"))
                    .setFullPage(true));
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
