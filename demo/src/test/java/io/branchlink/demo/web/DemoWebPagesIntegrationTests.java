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
 * The demo's web pages in a real browser (Debian's Chromium driven by Playwright): alice logs in on the phone app,
 * stages 300 CNY, shows the QR code to ITM00101, and the ITM's screen page, open in a second tab, shows the
 * take-your-cash screen; afterwards the books and the cash inside each machine agree.
 */
class DemoWebPagesIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    @Test
    void aliceWithdrawsThroughTheAppPageWhileTheItmPageShowsTakeCash(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir).withCashTakenTimeout(Duration.ofSeconds(20));

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            Itm itm = branch.itm("ITM00101");
            Money cashBefore = itm.physicalCash();
            Page itmPage = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(1000, 720));
            itmPage.navigate(web.itmUrl("ITM00101").toString());
            assertThat(itmPage.locator("#screen")).hasAttribute("data-screen-id", "WELCOME");

            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());
            assertThat(app.locator("#username")).hasValue("alice");
            assertThat(app.locator("#password")).hasValue("alice-demo-pass");
            assertThat(app.locator("#device-id")).hasValue("alice-phone");
            app.locator("#login-button").click();
            assertThat(app.locator("#accounts li").first()).containsText("CNY");

            app.locator("#amount").fill("300");
            app.locator("#branch").fill("BR001");
            app.locator("#stage-button").click();
            assertThat(app.locator("#qr-summary")).containsText("300.00 CNY");
            app.waitForFunction("() => document.getElementById('qr').naturalWidth > 0");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-qr.png")).setFullPage(true));

            app.getByText("Show to ITM00101").click();

            LocatorAssertions.HasAttributeOptions patience = new LocatorAssertions.HasAttributeOptions()
                    .setTimeout(30_000);
            assertThat(itmPage.locator("#screen")).hasAttribute("data-screen-id", "TAKE_CASH", patience);
            assertThat(itmPage.locator("#message")).hasText("Please take your cash");
            assertThat(itmPage.locator("#details")).containsText("300.00");
            itmPage.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("itm-take-cash.png")));

            if (!itm.dispenser().exit().isEmpty()) {
                itm.dispenser().customerTakesCash();
            }
            TransactionOutcome outcome = web.lastServed("ITM00101").orElseThrow().get(30, TimeUnit.SECONDS);
            assertThat(outcome.result()).isEqualTo(TransactionOutcome.Result.COMPLETED);
            assertThat(itm.physicalCash()).isEqualTo(cashBefore.minus(Money.parse("300", "CNY")));
            assertThat(itmPage.locator("#screen")).hasAttribute("data-screen-id", "THANK_YOU", patience);
            assertThat(app.locator("#status")).containsText("used",
                    new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-after.png"))
                    .setFullPage(true));
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
