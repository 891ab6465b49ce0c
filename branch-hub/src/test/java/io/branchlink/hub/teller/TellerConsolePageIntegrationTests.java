package io.branchlink.hub.teller;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.branchlink.hub.device.TestDevice;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.testsupport.HeadlessChromium;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The teller console page in a real browser (Debian's Chromium driven by Playwright): a scan on the teller terminal
 * shows the form with its ID-check fields highlighted, one click confirms, and the voucher link serves the PDF; a
 * rejection needs a reason, and a code that is not a form shows why in both languages.
 */
class TellerConsolePageIntegrationTests extends TellerTestSupport {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    @Test
    void aTellerSeesTheScannedFormAndConfirmsItWithOneClick() throws Exception {
        FormToken token = FormToken.valid();
        String draftId = stagedAtChannel(token);
        channelApi.stubFor(post(HubApiPaths.FORM_EXECUTIONS).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(execution("ignored", draftId, "EXECUTED", "V-BR001-20261125-000077"))));

        try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD);
                HeadlessChromium chromium = HeadlessChromium.launch();
                BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setHttpCredentials(TELLER, TELLER_PASSWORD).setViewportSize(1100, 900))) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/teller/");
            assertThat(page.locator("#session")).containsText("T0042");

            scan(terminal, token.text());

            assertThat(page.locator("#form")).isVisible();
            assertThat(page.locator("#form")).hasAttribute("data-draft-id", draftId);
            assertThat(page.locator("#form-title")).containsText("定期存款开户");
            assertThat(page.locator("#form-title")).containsText("Time deposit opening");
            assertThat(page.locator("tr[data-field=idNumber]")).hasClass("id-check");
            assertThat(page.locator("tr[data-field=customerName]")).hasClass("id-check");
            assertThat(page.locator("tr[data-field=amount]")).not().hasClass("id-check");
            assertThat(page.locator(".legend")).containsText("check against ID card");
            assertThat(page.locator(".legend")).containsText("核对身份证");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("teller-form.png")));

            page.locator("#confirm").click();

            assertThat(page.locator("#confirm")).isDisabled();
            assertThat(page.locator("#outcome")).hasAttribute("data-outcome", "EXECUTED");
            assertThat(page.locator("#outcome-text")).containsText("Executed");
            assertThat(page.locator("#voucher")).isVisible();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("teller-confirmed.png")));
            channelApi.verify(1, postRequestedFor(urlPathEqualTo(HubApiPaths.FORM_EXECUTIONS)));

            String href = page.locator("#voucher").evaluate("a => a.href").toString();
            APIResponse pdf = page.request().get(href);
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
            assertThat(pdf.body()).startsWith("%PDF-".getBytes());
        }
    }

    @Test
    void aRejectionNeedsAReasonAndARefusedCodeSaysWhy() throws Exception {
        FormToken token = FormToken.valid();
        String draftId = stagedAtChannel(token);
        channelApi.stubFor(post(HubApiPaths.FORM_EXECUTIONS).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(execution("ignored", draftId, "REJECTED", null))));

        try (TestDevice terminal = tellerTerminal(TERMINAL, TERMINAL_PASSWORD);
                HeadlessChromium chromium = HeadlessChromium.launch();
                BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setHttpCredentials(TELLER, TELLER_PASSWORD).setViewportSize(1100, 900))) {
            Page page = context.newPage();
            page.navigate("http://127.0.0.1:" + port + "/teller/");
            assertThat(page.locator("#session")).containsText("T0042");

            scan(terminal, "https://example.com/menu");
            assertThat(page.locator("#refused")).isVisible();
            assertThat(page.locator("#refused")).hasAttribute("data-code", "NOT_BRANCHLINK");
            assertThat(page.locator("#refused-en")).containsText("not a BranchLink code");
            assertThat(page.locator("#refused-zh")).containsText("BranchLink");

            scan(terminal, token.text());
            assertThat(page.locator("#form")).hasAttribute("data-draft-id", draftId);
            page.locator("#reject").click();
            assertThat(page.locator("#error")).containsText("needs a reason");
            channelApi.verify(0, postRequestedFor(urlPathEqualTo(HubApiPaths.FORM_EXECUTIONS)));

            page.locator("#reason").fill("ID card photo does not match the customer");
            page.locator("#reject").click();

            assertThat(page.locator("#outcome")).hasAttribute("data-outcome", "REJECTED");
            assertThat(page.locator("#confirm")).isDisabled();
            assertThat(page.locator("#reject")).isDisabled();
            channelApi.verify(1, postRequestedFor(urlPathEqualTo(HubApiPaths.FORM_EXECUTIONS))
                    .withRequestBody(matchingJsonPath("$.reason",
                            equalTo("ID card photo does not match the customer"))));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("teller-rejected.png")));
        }
    }
}
