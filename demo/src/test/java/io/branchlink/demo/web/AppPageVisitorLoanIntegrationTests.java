package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.branchlink.demo.Branch;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * From the app's first screen to loan money in the account, in a real browser: a visitor with a phone and a resident
 * ID number opens a Class II account (the code from the SMS), keeps the authenticator key the page shows once, applies
 * for the credit loan with the ID number they opened the account with (the profile holds none), signs with the
 * authenticator's code, draws 3,000.00 and sees it in the account; the API, the books and the money invariants agree.
 */
class AppPageVisitorLoanIntegrationTests {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final String RESIDENT_ID = "11010519491231002X";


    @Test
    void aVisitorOpensAnAccountAppliesSignsAndDrawsIntoIt(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            JdbcClient jdbc = branch.channelApiContext().getBean(JdbcClient.class);
            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());

            // the first screen: open an account with the details the card holds (phone 13900139001, wangfang)
            app.locator("#onboarding-resident-id").fill(RESIDENT_ID);
            app.locator("#onboarding-start").click();
            assertThat(app.locator("#onboarding-sms")).containsText("is your code to open an account");
            Matcher sms = CODE.matcher(app.locator("#onboarding-sms").textContent());
            assertThat(sms.find()).as("the SMS shows a code").isTrue();
            app.locator("#onboarding-code").fill(sms.group(1));
            app.locator("#onboarding-verify").click();
            assertThat(app.locator("#status")).containsText("Welcome: your account 622202");
            assertThat(app.locator("#accounts li")).hasCount(1);
            assertThat(app.locator("#accounts li").first()).containsText("available 0.00 CNY");

            // the phone's soft OTP was enrolled with the account: the page shows its key once
            assertThat(app.locator("#otp-enrolment")).isVisible();
            assertThat(app.locator("#security-status")).hasText("Your authenticator was set up with your account.");
            assertThat(app.locator("#otp-uri")).containsText("otpauth://totp/");
            String secret = app.locator("#otp-secret").textContent();
            assertThat(secret).matches("[A-Z2-7]{16,}=*");

            // the profile holds no ID number: the Loan card asks for the one the account was opened with
            assertThat(app.locator("#loan-summary")).containsText("Apply in seconds");
            assertThat(app.locator("#loan-resident-id")).isVisible();
            app.locator("#loan-resident-id").fill("110105194912310021");
            app.locator("#loan-apply").click();
            assertThat(app.locator("#loan-status")).containsText("residentId");
            app.locator("#loan-resident-id").fill(RESIDENT_ID);
            app.locator("#loan-apply").click();
            assertThat(app.locator("#loan-status")).hasText("Approved: read the terms, then sign.");
            assertThat(app.locator("#loan-summary")).containsText("OFFERED · limit 200,000.00 CNY · 7.20% a year");
            assertThat(app.locator("#loan-resident-id")).isHidden();

            app.locator("#loan-sign").click();
            assertThat(app.locator("#step-up-card")).isVisible();
            app.getByText("Enter the code").click();
            app.locator("#step-up-code").fill(AuthenticatorApp.code(secret, Instant.now()));
            app.locator("#step-up-code-button").click();
            assertThat(app.locator("#loan-status")).hasText("Signed and sealed by the bank. You can draw now.");
            assertThat(app.locator("#loan-summary")).containsText("ACTIVE");

            app.locator("#loan-amount").fill("3000");
            app.locator("#loan-draw").click();
            app.waitForFunction("() => !document.getElementById('step-up-card').hidden"
                    + " || document.getElementById('loan-status').textContent.includes('in your account')");
            boolean drawdownSteppedUp = app.locator("#step-up-card").isVisible();
            if (drawdownSteppedUp) {
                // a step-up for the drawdown too: the code of the next time step (the signing's was used)
                app.getByText("Enter the code").click();
                app.locator("#step-up-code").fill(AuthenticatorApp.code(secret, Instant.now().plusSeconds(30)));
                app.locator("#step-up-code-button").click();
            }
            assertThat(app.locator("#loan-status")).hasText("3,000.00 CNY is in your account.");
            assertThat(app.locator("#accounts li").first()).containsText("Class II");
            assertThat(app.locator("#accounts li").first()).containsText("available 3,000.00 CNY");
            assertThat(app.locator("#loan-drawdowns li")).containsText("#1 3,000.00 CNY · 12 months · ACTIVE");
            app.screenshot(new Page.ScreenshotOptions()
                    .setPath(HeadlessChromium.SCREENSHOTS.resolve("app-visitor-loan.png")).setFullPage(true));

            UUID customer = jdbc.sql("select id from customers where username = 'wangfang'").query(UUID.class)
                    .single();
            Map<String, Object> decision = jdbc.sql("""
                    select outcome, reasons -> 0 ->> 'ruleId' as rule from risk_decisions
                     where customer_id = ? and action = 'LOAN_DRAWDOWN' order by decided_at limit 1""")
                    .param(customer).query().singleRow();
            assertThat(decision.get("outcome")).as("the risk engine on the drawdown: %s", decision)
                    .isEqualTo(drawdownSteppedUp ? "STEP_UP" : "ALLOW");
            if (!drawdownSteppedUp) {
                // no default rule matches: the phone is the one the customer was created on, and 3,000.00 is small
                assertThat(decision.get("rule")).as("the deciding rule").isNull();
            }

            SimulatedApp phone = branch.phone("wangfang-phone");
            phone.login("wangfang", "wangfang-demo-pass");
            List<SimulatedApp.Account> accounts = phone.accounts();
            assertThat(accounts).hasSize(1);
            assertThat(accounts.get(0).balance()).isEqualTo(Money.parse("3000.00", "CNY"));
            assertThat(accounts.get(0).available()).isEqualTo(Money.parse("3000.00", "CNY"));
            String loanId = jdbc.sql("select id::text from loans where customer_id = ?").param(customer)
                    .query(String.class).single();
            SimulatedApp.Loan line = phone.loan(loanId);
            assertThat(line.status()).isEqualTo("ACTIVE");
            assertThat(line.outstanding()).isEqualTo(Money.parse("3000.00", "CNY"));
            assertThat(line.available()).isEqualTo(Money.parse("197000.00", "CNY"));

            Map<String, Object> books = jdbc.sql("""
                    select l.disbursed - l.repaid_principal as outstanding, p.balance as principal_account,
                           a.balance as deposit, a.account_class
                      from loans l join accounts p on p.id = l.principal_account_id
                      join accounts a on a.id = l.account_id
                     where l.customer_id = ?""").param(customer).query().singleRow();
            assertThat(books).containsEntry("outstanding", 300_000L).containsEntry("deposit", 300_000L)
                    .containsEntry("account_class", "TYPE_II");
            assertThat(Math.abs(((Number) books.get("principal_account")).longValue())).isEqualTo(300_000L);
            assertThat(jdbc.sql("select count(*) from loan_contracts c join loans l on l.id = c.loan_id"
                    + " where l.customer_id = ?").param(customer).query(Integer.class).single()).isEqualTo(1);
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
