package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.demo.Branch;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app page's "Mine" card in a real browser (Debian's Chromium driven by Playwright): after a transfer to bob and
 * interest posted through the ledger, alice sees her net worth across her current account, savings and
 * time deposit, a bar chart of income and expense for every month of the period, and both categories.
 */
class AppPageMineIntegrationTests {

    @Test
    void aliceSeesHerNetWorthLinesAndMonthsOfIncomeAndExpense(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            JdbcClient jdbc = branch.channelApiContext().getBean(JdbcClient.class);
            Ledger ledger = branch.channelApiContext().getBean(Ledger.class);
            UUID current = jdbc.sql("select id from accounts where account_number = '6222020000000001'")
                    .query(UUID.class).single();
            UUID bob = jdbc.sql("select id from accounts where account_number = '6222020000000003'")
                    .query(UUID.class).single();
            UUID equity = UUID.fromString("00000000-0000-0000-0000-00000000e002");
            ledger.post("TRANSFER", "alice to bob", "CNY", List.of(
                    Posting.debit(current, 300_00), Posting.credit(bob, 300_00)));
            ledger.post("INTEREST", "interest test", "CNY", List.of(
                    Posting.debit(equity, 12_34), Posting.credit(current, 12_34)));

            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());
            app.locator("#login-button").click();

            // what alice owes on the card the demo's card processor filled with purchases
            long cardOwed = jdbc.sql("""
                    select a.balance from credit_cards c join accounts a on a.id = c.account_id
                     where c.customer_id = (select customer_id from accounts where id = ?)
                    """).param(current).query(Long.class).single();
            org.assertj.core.api.Assertions.assertThat(cardOwed).isPositive();

            // 20,000.00 - 300.00 + 12.34 in the current account, 50,000.00 savings, 10,000.00 time deposit, less the
            // card
            assertThat(app.locator("#mine-totals li.net-worth")).containsText(
                    String.format(Locale.ROOT, "%,.2f CNY", (79_712_34 - cardOwed) / 100.0));
            assertThat(app.locator("#mine-lines li")).hasCount(4);
            assertThat(app.locator("#mine-lines li").nth(2)).containsText("Time deposit ************0005");
            assertThat(app.locator("#mine-lines li").nth(3)).containsText("Credit card");
            assertThat(app.locator("#mine-lines")).not().containsText("6222020000000001");
            assertThat(app.locator("#mine-chart rect")).hasCount(24);
            assertThat(app.locator("#mine-chart rect.expense").last().locator("title"))
                    .hasText(Pattern.compile(".* expense 300\\.00 CNY"));
            assertThat(app.locator("#mine-categories")).containsText("transfer out");
            assertThat(app.locator("#mine-categories")).containsText("Interest earned");
            app.locator("#mine-card").scrollIntoViewIfNeeded();
            app.screenshot(new Page.ScreenshotOptions().setPath(HeadlessChromium.SCREENSHOTS.resolve("app-mine.png"))
                    .setFullPage(true));

            app.locator("#mine-months").selectOption("60");
            assertThat(app.locator("#mine-chart rect")).hasCount(120);
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
