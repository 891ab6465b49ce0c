package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.branchlink.demo.Branch;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app page's Loan card in a real browser: alice sets up an authenticator, applies (the demo's credit bureau gives
 * her band A), signs with a code (signing always asks for the second factor), draws 5,000.00 into her account and
 * repays it all the same day.
 */
class AppPageLoanIntegrationTests {

    @Test
    void aliceAppliesSignsWithHerAuthenticatorDrawsAndRepays(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            JdbcClient jdbc = branch.channelApiContext().getBean(JdbcClient.class);
            UUID alice = jdbc.sql("select id from customers where username = 'alice'").query(UUID.class).single();
            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();
            assertThat(app.locator("#accounts li").first()).containsText("available 20,000.00 CNY");
            app.getByText("Set up authenticator").click();
            assertThat(app.locator("#security-status")).hasText("Authenticator set up.");
            String secret = app.locator("#otp-secret").textContent();
            assertThat(app.locator("#loan-summary")).containsText("Apply in seconds");

            app.locator("#loan-apply").click();
            assertThat(app.locator("#loan-status")).hasText("Approved: read the terms, then sign.");
            assertThat(app.locator("#loan-summary")).containsText("OFFERED · limit 200,000.00 CNY · 7.20% a year");

            app.locator("#loan-sign").click();
            assertThat(app.locator("#step-up-card")).isVisible();
            app.getByText("Enter the code").click();
            app.locator("#step-up-code").fill(AuthenticatorApp.code(secret, Instant.now()));
            app.locator("#step-up-code-button").click();
            assertThat(app.locator("#loan-status")).hasText("Signed and sealed by the bank. You can draw now.");
            assertThat(app.locator("#loan-summary")).containsText("ACTIVE");
            assertThat(app.locator("#loan-contract")).isVisible();

            app.locator("#loan-amount").fill("5000");
            app.locator("#loan-draw").click();
            app.waitForFunction("() => !document.getElementById('step-up-card').hidden"
                    + " || document.getElementById('loan-status').textContent.includes('in your account')");
            if (app.locator("#step-up-card").isVisible()) {
                // the risk engine may ask for a second factor for the drawdown too: the code of the next time step
                app.getByText("Enter the code").click();
                app.locator("#step-up-code").fill(AuthenticatorApp.code(secret, Instant.now().plusSeconds(30)));
                app.locator("#step-up-code-button").click();
            }
            assertThat(app.locator("#loan-status")).hasText("5,000.00 CNY is in your account.");
            assertThat(app.locator("#accounts li").first()).containsText("available 25,000.00 CNY");
            assertThat(app.locator("#loan-drawdowns li")).containsText("#1 5,000.00 CNY · 12 months · ACTIVE");
            app.screenshot(new Page.ScreenshotOptions().setPath(HeadlessChromium.SCREENSHOTS.resolve("app-loan.png"))
                    .setFullPage(true));

            app.getByText("Repay all").click();
            assertThat(app.locator("#loan-status")).hasText("Repaid 5,000.00 CNY.");
            assertThat(app.locator("#accounts li").first()).containsText("available 20,000.00 CNY");
            assertThat(app.locator("#loan-drawdowns li")).containsText("REPAID");

            assertThat(jdbc.sql("select status from loans where customer_id = ?").param(alice).query(String.class)
                    .single()).isEqualTo("ACTIVE");
            assertThat(jdbc.sql("select count(*) from loan_contracts c join loans l on l.id = c.loan_id"
                    + " where l.customer_id = ?").param(alice).query(Integer.class).single()).isEqualTo(1);
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
