package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.branchlink.demo.Branch;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app page's credit card screen in a real browser: alice sees the card the demo's processor filled with purchases,
 * repays part of it from her current account and raises its limit.
 */
class AppPageCardIntegrationTests {

    @Test
    void aliceSeesHerCardRepaysItAndRaisesItsLimit(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();

            assertThat(app.locator("#card-number")).hasText("**** **** **** 8817");
            assertThat(app.locator("#card-balance")).hasText("1,543.40 CNY");
            assertThat(app.locator("#card-statement")).containsText("statements close on day 5");

            app.locator("#card-repay-amount").fill("43.40");
            app.locator("#card-repay").click();
            assertThat(app.locator("#card-status")).hasText("Repaid 43.40 CNY.");
            assertThat(app.locator("#card-balance")).hasText("1,500.00 CNY");
            assertThat(app.locator("#accounts li").first()).containsText("19,956.60 CNY");

            app.locator("#card-limit").fill("24000");
            app.locator("#card-limit-button").click();
            assertThat(app.locator("#card-status")).hasText("Your limit is now 24,000.00 CNY.");
            assertThat(app.locator("#card-available")).containsText("of 24,000.00 CNY");
            app.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(HeadlessChromium.SCREENSHOTS.resolve("app-card.png")));

            JdbcClient jdbc = branch.channelApiContext().getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from card_repayments").query(Integer.class).single()).isEqualTo(1);
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
