package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.branchlink.agent.system.TransactionOutcome;
import io.branchlink.demo.Branch;
import io.branchlink.demo.Itm;
import io.branchlink.protocol.money.Money;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ITM-shown code in a real browser (flow 4): the ITM's screen page shows the session code the hub sent, the
 * customer presses "Cardless", alice pastes the code into the app page's "Scan an ITM" card and confirms 300 CNY, the
 * ITM dispenses, and the app shows DISPENSED; afterwards the books and the cash inside each machine agree.
 */
class AppPageItmSessionIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    @Test
    void aliceScansTheItmsCodeAndTheItmDispenses(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir).withCashTakenTimeout(Duration.ofSeconds(20));

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            Itm itm = branch.itm("ITM00101");
            Money cashBefore = itm.physicalCash();
            LocatorAssertions.HasAttributeOptions patience = new LocatorAssertions.HasAttributeOptions()
                    .setTimeout(30_000);
            Page itmPage = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(1000, 760));
            itmPage.navigate(web.itmUrl("ITM00101").toString());
            itmPage.waitForFunction("() => document.getElementById('session-code').textContent.startsWith('BL:')",
                    null, new Page.WaitForFunctionOptions().setTimeout(30_000));
            itmPage.locator("#cardless").click();
            assertThat(itmPage.locator("#screen")).hasAttribute("data-screen-id", "SCAN_WITH_APP", patience);
            itmPage.waitForFunction("() => document.getElementById('session-qr').naturalWidth > 0");
            itmPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("itm-session-code.png")));
            String code = itmPage.locator("#session-code").textContent();

            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();
            assertThat(app.locator("#accounts li").first()).containsText("CNY");
            assertThat(app.locator("#scan-itm-account option").first()).containsText("CNY");
            app.locator("#scan-itm-code").fill(code);
            app.locator("#scan-itm-kind").selectOption("WITHDRAWAL");
            app.locator("#scan-itm-amount").fill("300");
            app.locator("#scan-itm-button").click();

            assertThat(itmPage.locator("#screen")).hasAttribute("data-screen-id", "TAKE_CASH", patience);
            assertThat(itmPage.locator("#details")).containsText("300.00");
            if (!itm.dispenser().exit().isEmpty()) {
                itm.dispenser().customerTakesCash();
            }
            TransactionOutcome outcome = web.lastServed("ITM00101").orElseThrow().get(30, TimeUnit.SECONDS);
            assertThat(outcome.result()).isEqualTo(TransactionOutcome.Result.COMPLETED);
            assertThat(app.locator("#scan-itm-status")).hasAttribute("data-state", "DISPENSED", patience);
            assertThat(app.locator("#scan-itm-status")).containsText("300.00");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-itm-session.png"))
                    .setFullPage(true));
            assertThat(itm.physicalCash()).isEqualTo(cashBefore.minus(Money.parse("300", "CNY")));
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
