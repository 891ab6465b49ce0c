package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.branchlink.channel.ledger.LedgerChecks;
import io.branchlink.demo.Branch;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app page's Transfers card in a real browser (Debian's Chromium driven by Playwright): alice adds bob as a payee
 * by his account number and name and pays him at once, then adds an account at another bank and pays it through the
 * demo clearing system, which confirms it a few seconds later; the books balance after both.
 */
class AppPageTransferIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    @Test
    void alicePaysBobAndAnAccountAtAnotherBank(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            JdbcClient jdbc = branch.channelApiContext().getBean(JdbcClient.class);
            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();
            assertThat(app.locator("#accounts li").first()).containsText("20,000.00 CNY");
            assertThat(app.locator("#payees")).containsText("No payees yet.");

            app.locator("#payee-button").click();
            assertThat(app.locator("#transfer-status")).hasText("Payee 李伟 Li Wei added.");
            assertThat(app.locator("#payees")).containsText("************0003");
            app.locator("#transfer-amount").fill("100");
            app.locator("#transfer-button").click();

            assertThat(app.locator("#transfer-status")).hasText("Paid 100.00 CNY to 李伟 Li Wei.");
            assertThat(app.locator("#accounts li").first()).containsText("19,900.00 CNY");
            assertThat(app.locator("#payees")).containsText("trusted");
            assertThat(balance(jdbc, "6222020000000003")).isEqualTo(400_00);

            assertThat(app.locator("#payee-phone")).isHidden();
            app.locator("#payee-type").selectOption("OTHER_BANK");
            assertThat(app.locator("#payee-bank")).isVisible();
            app.locator("#payee-account").fill("6217001234567890123");
            app.locator("#payee-name").fill("Zhao Lei");
            app.locator("#payee-button").click();
            assertThat(app.locator("#transfer-status")).hasText("Payee Zhao Lei added.");
            app.locator("#transfer-amount").fill("50.5");
            app.locator("#transfer-button").click();

            assertThat(app.locator("#transfer-status")).hasText("Sent 50.50 CNY to Zhao Lei (SENT).");
            assertThat(app.locator("#accounts li").first()).containsText("19,849.50 CNY");
            await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(jdbc.sql("""
                    select t.state from transfers t join payees p on p.id = t.payee_id
                     where p.account_number = '6217001234567890123'
                    """).query(String.class).single()));
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-transfers.png"))
                    .setFullPage(true));
            assertThat(branch.channelApiContext().getBean(LedgerChecks.class).violations()).isEmpty();
        }
    }

    private static long balance(JdbcClient jdbc, String accountNumber) {
        return jdbc.sql("select balance from accounts where account_number = ?").param(accountNumber)
                .query(Long.class).single();
    }
}
