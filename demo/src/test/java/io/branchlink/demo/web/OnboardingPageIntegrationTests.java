package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.branchlink.demo.Branch;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app page opens an account for a visitor in a real browser (Debian's Chromium driven by Playwright): a typo in
 * the resident ID number is caught by its check digit, then the visitor sends the corrected details, reads the code
 * from the SMS on the phone, and lands logged in on the home screen with a Class II electronic account.
 */
class OnboardingPageIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Test
    void aVisitorOpensAnAccountAndSeesIt(@TempDir Path workDir) throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            JdbcClient jdbc = branch.channelApiContext().getBean(JdbcClient.class);
            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            app.navigate(web.appUrl().toString());
            assertThat(app.locator("#onboarding")).isVisible();

            app.locator("#onboarding-resident-id").fill("110105194912310021");
            app.locator("#onboarding-start").click();
            assertThat(app.locator("#onboarding-status")).containsText("residentId has a wrong check digit");
            assertThat(branch.smsGateway().inbox("13900139001").messages()).isEmpty();

            app.locator("#onboarding-resident-id").fill("11010519491231002X");
            app.locator("#onboarding-start").click();
            assertThat(app.locator("#onboarding-status")).hasText("A code went to *******9001.");
            assertThat(app.locator("#onboarding-sms")).containsText("is your code to open an account");
            Matcher code = CODE.matcher(app.locator("#onboarding-sms").textContent());
            assertThat(code.find()).as("the SMS shows a code").isTrue();
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-onboarding-code.png"))
                    .setFullPage(true));
            app.locator("#onboarding-code").fill(code.group(1));
            app.locator("#onboarding-verify").click();

            assertThat(app.locator("#status")).containsText("Welcome: your account 622202");
            assertThat(app.locator("#accounts li")).hasCount(1);
            assertThat(app.locator("#accounts li").first()).containsText("Class II");
            assertThat(app.locator("#accounts li").first()).containsText("available 0.00 CNY");
            assertThat(app.locator("#onboarding")).isHidden();
            assertThat(app.locator("#login")).isHidden();
            assertThat(app.locator("#who")).hasText("wangfang · wangfang-phone");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-onboarded.png"))
                    .setFullPage(true));
            assertThat(jdbc.sql("""
                    select a.account_class from accounts a join customers c on c.id = a.customer_id
                     where c.username = 'wangfang'
                    """).query(String.class).list()).containsExactly("TYPE_II");
            assertThat(branch.identityProvider().checks()).hasSize(1);
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }
}
