package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import io.branchlink.demo.Branch;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app page performs both second factors in a real browser (Debian's Chromium driven by Playwright, with a
 * WebAuthn virtual authenticator standing in for the phone's fingerprint sensor): alice sets up an authenticator and
 * a fingerprint on her phone, which was bound before soft OTP existed, then stages withdrawals until the risk
 * engine's velocity rule asks for a second factor; she passes one step-up with a code (after a wrong one) and the
 * next with her fingerprint, and gets each QR code once.
 */
class AppPageSecondFactorIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final String VELOCITY_REASON = "Many payments or withdrawals in a short time need a second factor.";


    @Test
    void alicePassesOneStepUpWithHerAuthenticatorAndTheNextWithHerFingerprint(@TempDir Path workDir)
            throws Exception {
        Branch.Settings settings = Branch.Settings.forTests(workDir);

        try (Branch branch = Branch.start(settings);
                DemoWebServer web = DemoWebServer.start(branch, settings.webPort());
                HeadlessChromium chromium = HeadlessChromium.launch()) {
            JdbcClient jdbc = branch.channelApiContext().getBean(JdbcClient.class);
            UUID alice = jdbc.sql("select id from customers where username = 'alice'").query(UUID.class).single();
            Page app = chromium.browser().newPage(new Browser.NewPageOptions().setViewportSize(390, 844));
            CDPSession cdp = app.context().newCDPSession(app);
            String authenticatorId = addFingerprintSensor(cdp);
            app.navigate(web.appUrl().toString());
            assertThat(app.locator("#device-id")).hasValue("alice-phone");
            app.locator("#login-button").click();
            assertThat(app.locator("#accounts li").first()).containsText("available 20,000.00 CNY");

            app.getByText("Set up authenticator").click();
            assertThat(app.locator("#security-status")).hasText("Authenticator set up.");
            String secret = app.locator("#otp-secret").textContent();
            assertThat(secret).matches("[A-Z2-7]{32}");
            assertThat(app.locator("#otp-uri")).hasText("otpauth://totp/BranchLink:alice?secret=" + secret
                    + "&issuer=BranchLink&digits=6&period=30");
            app.getByText("Set up fingerprint").click();
            assertThat(app.locator("#security-status")).hasText("Fingerprint set up.");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-security.png"))
                    .setFullPage(true));
            assertThat(count(jdbc, "select count(*) from device_otp where customer_id = ? and device_id = ?", alice,
                    "alice-phone"))
                    .isEqualTo(1);
            assertThat(count(jdbc, "select count(*) from passkey_credentials where customer_id = ? and device_id = ?",
                    alice, "alice-phone")).isEqualTo(1);
            assertThat(credentials(cdp, authenticatorId)).as("the authenticator holds the passkey").isEqualTo(1);
            app.getByText("Set up authenticator").click();
            assertThat(app.locator("#security-status")).hasText("This phone has an authenticator already.");

            for (String amount : List.of("100", "200", "300")) {
                stage(app, amount);
                assertThat(app.locator("#status")).hasText("QR code ready: show it to an ITM.");
                assertThat(app.locator("#qr-summary")).containsText(amount + ".00 CNY");
                assertThat(app.locator("#step-up-card")).isHidden();
            }

            stage(app, "400");
            assertThat(app.locator("#step-up-card")).isVisible();
            assertThat(app.locator("#step-up-reason")).hasText(VELOCITY_REASON);
            assertThat(app.getByText("Use fingerprint")).isVisible();
            assertThat(app.getByText("Enter the code")).isVisible();
            assertThat(app.locator("#qr-summary")).containsText("300.00 CNY");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-step-up.png"))
                    .setFullPage(true));
            app.getByText("Enter the code").click();
            app.locator("#step-up-code").fill(wrongCode(secret));
            app.locator("#step-up-code-button").click();
            assertThat(app.locator("#step-up-status")).hasText("Wrong code: 4 attempts left.");
            assertThat(app.locator("#step-up-card")).isVisible();
            app.locator("#step-up-code").fill(AuthenticatorApp.code(secret, Instant.now()));
            app.locator("#step-up-code-button").click();
            assertThat(app.locator("#qr-summary")).containsText("400.00 CNY");
            assertThat(app.locator("#step-up-card")).isHidden();
            assertThat(app.locator("#status")).hasText("QR code ready: show it to an ITM.");
            app.waitForFunction("() => document.getElementById('qr').naturalWidth > 0");

            stage(app, "500");
            assertThat(app.locator("#step-up-card")).isVisible();
            assertThat(app.locator("#step-up-reason")).hasText(VELOCITY_REASON);
            app.getByText("Use fingerprint").click();
            assertThat(app.locator("#qr-summary")).containsText("500.00 CNY");
            assertThat(app.locator("#step-up-card")).isHidden();
            app.waitForFunction("() => document.getElementById('qr').naturalWidth > 0");
            assertThat(app.locator("#accounts li").first()).containsText("available 18,500.00 CNY");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-after-step-ups.png"))
                    .setFullPage(true));

            assertThat(jdbc.sql("""
                    select t.amount from cardless_tokens t join holds h on h.id = t.hold_id
                     where t.customer_id = ? and t.status = 'ACTIVE' and h.status = 'PLACED' and h.amount = t.amount
                     order by t.amount
                    """).param(alice).query(Long.class).list())
                    .as("each withdrawal staged once, each with its hold")
                    .containsExactly(100_00L, 200_00L, 300_00L, 400_00L, 500_00L);
            assertThat(count(jdbc, "select count(*) from cardless_tokens where customer_id = ?", alice)).isEqualTo(5);
            assertThat(jdbc.sql("""
                    select verified_factor, status from risk_step_ups
                     where customer_id = ? and action = 'CARDLESS_WITHDRAWAL' order by created_at
                    """).param(alice).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list())
                    .containsExactly("SOFT_OTP USED", "BIOMETRIC USED");
            assertThat(jdbc.sql("select sign_count from passkey_credentials where customer_id = ?").param(alice)
                    .query(Long.class).single()).as("the fingerprint was used").isPositive();
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }

    /** A platform authenticator with user verification, as a phone's fingerprint sensor is. */
    private static String addFingerprintSensor(CDPSession cdp) {
        cdp.send("WebAuthn.enable");
        JsonObject options = new JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        options.addProperty("automaticPresenceSimulation", true);
        JsonObject arguments = new JsonObject();
        arguments.add("options", options);
        return cdp.send("WebAuthn.addVirtualAuthenticator", arguments).get("authenticatorId").getAsString();
    }

    private static int credentials(CDPSession cdp, String authenticatorId) {
        JsonObject arguments = new JsonObject();
        arguments.addProperty("authenticatorId", authenticatorId);
        return cdp.send("WebAuthn.getCredentials", arguments).getAsJsonArray("credentials").size();
    }

    private static void stage(Page app, String amount) {
        app.locator("#amount").fill(amount);
        app.locator("#branch").fill("BR001");
        app.locator("#stage-button").click();
    }

    private static int count(JdbcClient jdbc, String sql, Object... parameters) {
        return jdbc.sql(sql).params(parameters).query(Integer.class).single();
    }


    /** A 6-digit code that is none of the codes of the steps around now. */
    private String wrongCode(String base32Secret) {
        Instant now = Instant.now();
        Set<String> window = new HashSet<>();
        for (int offset = -2; offset <= 2; offset++) {
            window.add(AuthenticatorApp.code(base32Secret, now.plusSeconds(30L * offset)));
        }
        int candidate = Integer.parseInt(AuthenticatorApp.code(base32Secret, now));
        String wrong;
        do {
            candidate = (candidate + 1) % 1_000_000;
            wrong = String.format(Locale.ROOT, "%06d", candidate);
        } while (window.contains(wrong));
        return wrong;
    }
}
